// The dashboard's calls: reads under /ui/api, /health, the event stream and the guarded actions.

let session = {actions: false};

export async function loadSession() {
  session = await get('/ui/api/session');
  return session;
}

export const actionsEnabled = () => Boolean(session.actions && session.token);

export async function get(path) {
  const response = await fetch(path, {headers: {Accept: 'application/json'}});
  const body = await response.json().catch(() => ({}));
  if (!response.ok && path !== '/health') throw new Error(body.message || response.status + ' ' + response.statusText);
  return body;
}

export async function act(path, body = {}) {
  const response = await fetch(path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', [session.tokenHeader]: session.token || ''},
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.message || response.status + ' ' + response.statusText);
  return answer;
}

/** Follows a task's output (newline-delimited JSON), calling onItem per line until the task stopped. */
export async function followOutput(cluster, id, onItem, signal) {
  const response = await fetch(`/ui/api/tasks/${encodeURIComponent(cluster)}/${encodeURIComponent(id)}/logs?follow=true`,
    {signal});
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, {stream: true});
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) onItem(JSON.parse(line));
    }
  }
}

/** One EventSource for the page; listeners get each batch of changed tasks. */
export function connectEvents(onTasks, onResync, onState) {
  const source = new EventSource('/ui/api/events');
  source.addEventListener('hello', () => onState(true));
  source.addEventListener('open', () => onState(true));
  source.addEventListener('error', () => onState(false));
  source.addEventListener('tasks', event => onTasks(JSON.parse(event.data).tasks));
  source.addEventListener('resync', () => onResync());
  return source;
}
