// DOM helpers: every value from the API is set as text, never parsed as HTML.

/** Creates an element: h('a', {href: '#/x', class: 'y'}, 'text', child, [more]). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** ECS timestamps are epoch seconds. */
export function date(seconds) {
  return seconds === undefined || seconds === null ? null : new Date(seconds * 1000);
}

export function time(seconds) {
  const d = date(seconds);
  if (!d) return '—';
  return d.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit'});
}

export function ago(seconds) {
  const d = date(seconds);
  if (!d) return '';
  const s = Math.max(0, Math.round((Date.now() - d.getTime()) / 1000));
  if (s < 60) return s + 's ago';
  if (s < 3600) return Math.floor(s / 60) + 'm ago';
  if (s < 86400) return Math.floor(s / 3600) + 'h ago';
  return Math.floor(s / 86400) + 'd ago';
}

export function duration(from, to) {
  if (from == null || to == null) return '';
  const ms = Math.max(0, (to - from) * 1000);
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  return Math.floor(ms / 60000) + ' m ' + Math.round((ms % 60000) / 1000) + ' s';
}

export const lastPart = arn => (arn || '').split('/').pop();
export const taskId = arn => lastPart(arn);
export const clusterName = arn => lastPart(arn);

const KINDS = {
  RUNNING: ['s-ok', '●'], ACTIVE: ['s-ok', '●'], HEALTHY: ['s-ok', '✔'], COMPLETED: ['s-ok', '✔'], UP: ['s-ok', '✔'],
  STARTED: ['s-ok', '✔'], PRIMARY: ['s-ok', '★'],
  PROVISIONING: ['s-warn', '◔'], PENDING: ['s-warn', '◔'], ACTIVATING: ['s-warn', '◑'], IN_PROGRESS: ['s-busy', '↻'],
  DEGRADED: ['s-warn', '▲'], DRAINING: ['s-busy', '◑'],
  DEACTIVATING: ['s-busy', '◕'], STOPPING: ['s-busy', '◕'], DEPROVISIONING: ['s-busy', '◕'],
  STOPPED: ['s-off', '■'], INACTIVE: ['s-off', '○'], UNKNOWN: ['s-off', '?'], MISSING: ['s-off', '?'],
  UNHEALTHY: ['s-bad', '✖'], FAILED: ['s-bad', '✖'], DOWN: ['s-bad', '✖'],
};

/** A status word with a symbol and a colour (the symbol and the word carry the meaning, not the colour). */
export function status(value, title) {
  if (!value) return h('span', {class: 'muted'}, '—');
  const [cls, icon] = KINDS[value] || ['s-off', '•'];
  return h('span', {class: 'status ' + cls, title: title || value, 'data-status': value},
    h('span', {class: 'icon', 'aria-hidden': 'true'}, icon), value);
}

export function exitCode(code) {
  if (code === undefined || code === null) return h('span', {class: 'muted'}, '—');
  return code === 0 ? h('span', {class: 'status s-ok'}, h('span', {class: 'icon', 'aria-hidden': 'true'}, '✔'), 'exit 0')
    : h('span', {class: 'status s-bad'}, h('span', {class: 'icon', 'aria-hidden': 'true'}, '✖'), 'exit ' + code);
}

export function toast(message, bad = false) {
  const box = document.getElementById('toast');
  const item = h('div', {class: bad ? 'bad' : ''}, message);
  box.append(item);
  setTimeout(() => item.remove(), bad ? 8000 : 4000);
}

/** Stable per-name colour class for container prefixes. */
export function colourOf(name, names) {
  const index = names.indexOf(name);
  return 'c' + ((index < 0 ? 0 : index) % 7);
}
