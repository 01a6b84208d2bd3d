// One EventSource for every dashboard tab of this browser: browsers allow ~6 HTTP/1.1 connections per host,
// so tabs share this worker's stream instead of opening one each. Each tab gets every message.
const ports = new Set();
let source = null;
let live = false;

function broadcast(message) {
  for (const port of ports) port.postMessage(message);
}

function connect() {
  if (source) return;
  source = new EventSource('/ui/api/events');
  const state = on => { live = on; broadcast({type: 'state', on}); };
  source.addEventListener('hello', () => state(true));
  source.addEventListener('open', () => state(true));
  source.addEventListener('error', () => state(false));
  source.addEventListener('tasks', event => broadcast({type: 'tasks', data: event.data}));
  source.addEventListener('resync', () => broadcast({type: 'resync'}));
}

self.addEventListener('connect', event => {
  const port = event.ports[0];
  ports.add(port);
  port.addEventListener('message', message => {
    if (message.data === 'close') ports.delete(port);
  });
  port.start();
  connect();
  port.postMessage({type: 'state', on: live});
});
