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

/**
 * Task changes for this page: through a shared worker holding one EventSource for every tab of the browser
 * (browsers cap HTTP/1.1 connections per host), or this page's own EventSource where shared workers are missing.
 */
export function connectEvents(onTasks, onResync, onState) {
  if (window.SharedWorker) {
    const worker = new SharedWorker('/ui/events-worker.js', {name: 'local-ecs-api-events'});
    worker.port.addEventListener('message', ({data}) => {
      if (data.type === 'tasks') onTasks(JSON.parse(data.data).tasks);
      else if (data.type === 'resync') onResync();
      else if (data.type === 'state') onState(data.on);
    });
    worker.port.start();
    window.addEventListener('pagehide', () => worker.port.postMessage('close'));
    return worker;
  }
  const source = new EventSource('/ui/api/events');
  source.addEventListener('hello', () => onState(true));
  source.addEventListener('open', () => onState(true));
  source.addEventListener('error', () => onState(false));
  source.addEventListener('tasks', event => onTasks(JSON.parse(event.data).tasks));
  source.addEventListener('resync', () => onResync());
  return source;
}
