// local-ecs-api dashboard: a hash-routed page over /ui/api, updated live from one event stream.
import {h, time, ago, duration, lastPart, taskId, clusterName, status, exitCode, toast, colourOf} from './dom.js';
import {get, act, loadSession, actionsEnabled, followOutput, connectEvents} from './api.js';

const main = document.getElementById('main');
let current = null;          // the mounted view: {onTasks(tasks), dispose()}
let routeToken = 0;

const views = {
  clusters: clustersView,
  services: servicesView,
  tasks: tasksView,
  task: taskView,
  'task-definitions': taskDefinitionsView,
  plugins: pluginsView,
};

function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, '') || 'tasks';
  const [path, query = ''] = hash.split('?');
  const parts = path.split('/').map(decodeURIComponent);
  return {name: parts[0], args: parts.slice(1), params: new URLSearchParams(query)};
}

async function route() {
  const token = ++routeToken;
  if (current && current.dispose) current.dispose();
  current = null;
  const r = parseRoute();
  const view = views[r.name] || tasksView;
  for (const link of document.querySelectorAll('nav a')) {
    const active = link.dataset.view === r.name || (r.name === 'task' && link.dataset.view === 'tasks');
    if (active) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  main.replaceChildren(h('p', {class: 'muted'}, 'Loading…'));
  try {
    const mounted = await view(r);
    if (token !== routeToken) { mounted && mounted.dispose && mounted.dispose(); return; }
    current = mounted;
  } catch (e) {
    if (token === routeToken) main.replaceChildren(h('p', {class: 'error', role: 'alert'}, 'Cannot load this view: ' + e.message));
  }
}

function setView(...children) {
  main.replaceChildren(...children.flat().filter(child => child !== null && child !== undefined && child !== false));
}

// ---------- clusters

async function clustersView() {
  const {clusters} = await get('/ui/api/clusters');
  const render = data => setView(
    h('h1', {}, 'Clusters'),
    data.length === 0 ? h('p', {class: 'empty'}, 'No clusters yet: the default cluster appears once it is used.')
      : h('div', {class: 'cards'}, data.map(c => h('section', {class: 'panel', 'aria-label': 'Cluster ' + c.clusterName},
        h('h2', {class: 'row'}, h('a', {href: '#/tasks?cluster=' + encodeURIComponent(c.clusterName)}, c.clusterName),
          status(c.status)),
        h('div', {class: 'counts'},
          h('div', {}, h('b', {class: 'stat'}, c.runningTasksCount ?? 0), h('span', {}, 'running tasks')),
          h('div', {}, h('b', {class: 'stat'}, c.pendingTasksCount ?? 0), h('span', {}, 'pending tasks')),
          h('div', {}, h('b', {class: 'stat'}, c.activeServicesCount ?? 0), h('span', {}, 'services'))),
        h('div', {class: 'row'},
          h('a', {href: '#/tasks?cluster=' + encodeURIComponent(c.clusterName)}, 'Tasks'),
          h('a', {href: '#/services?cluster=' + encodeURIComponent(c.clusterName)}, 'Services')),
        (c.capacityProviders || []).length ? h('p', {class: 'muted'}, 'Capacity providers: ' + c.capacityProviders.join(', ')) : null))));
  render(clusters);
  let pending = null;
  return {
    onTasks() {
      clearTimeout(pending);
      pending = setTimeout(async () => render((await get('/ui/api/clusters')).clusters), 300);
    },
    dispose() { clearTimeout(pending); },
  };
}

// ---------- services

async function servicesView(r) {
  const cluster = r.params.get('cluster');
  const load = () => get('/ui/api/services' + (cluster ? '?cluster=' + encodeURIComponent(cluster) : ''));
  const render = data => {
    if (!data.served) {
      setView(h('h1', {}, 'Services'), h('p', {class: 'empty'}, 'No loaded plugin serves ListServices and DescribeServices.'));
      return;
    }
    setView(h('h1', {}, 'Services', cluster ? h('span', {class: 'tag'}, 'cluster ' + cluster) : null),
      data.services.length === 0 ? h('p', {class: 'empty'}, 'No services. Create one with aws ecs create-service.')
        : data.services.map(serviceCard));
  };
  render(await load());
  // services change with their tasks: refresh shortly after a burst of task changes and once more when the
  // scheduler has had time to settle; a slow refresh catches what no task change announces
  let pending = null;
  let trailing = null;
  const refresh = async () => {
    // keep what the user is typing in a desired-count field
    if (main.contains(document.activeElement) && document.activeElement.tagName === 'INPUT') return;
    try { render(await load()); } catch (e) { /* the next refresh tries again */ }
  };
  const slow = setInterval(() => { if (document.visibilityState === 'visible') refresh(); }, 5000);
  refreshServices = () => { clearTimeout(pending); pending = setTimeout(refresh, 100); };
  return {
    onTasks() {
      clearTimeout(pending);
      clearTimeout(trailing);
      pending = setTimeout(refresh, 300);
      trailing = setTimeout(refresh, 1500);
    },
    dispose() { clearTimeout(pending); clearTimeout(trailing); clearInterval(slow); refreshServices = () => {}; },
  };
}

let refreshServices = () => {};

function serviceCard(s) {
  const cluster = clusterName(s.clusterArn);
  const base = `/ui/api/services/${encodeURIComponent(cluster)}/${encodeURIComponent(s.serviceName)}`;
  const count = h('input', {type: 'number', min: 0, value: s.desiredCount, 'aria-label': 'Desired count of ' + s.serviceName});
  const controls = actionsEnabled() ? h('div', {class: 'row'},
    h('label', {}, 'Desired count', count),
    h('button', {type: 'button', onclick: async () => {
      try { await act(base + '/desired-count', {desiredCount: Number(count.value)}); toast(`${s.serviceName}: desired count ${count.value}`); refreshServices(); }
      catch (e) { toast(e.message, true); }
    }}, 'Set'),
    h('button', {type: 'button', class: 'secondary', onclick: async () => {
      try { await act(base + '/force-deployment'); toast(`${s.serviceName}: new deployment started`); refreshServices(); }
      catch (e) { toast(e.message, true); }
    }}, 'Force new deployment')) : null;
  return h('section', {class: 'panel service', 'data-service': s.serviceName, 'aria-label': 'Service ' + s.serviceName},
    h('h2', {class: 'row'}, s.serviceName, status(s.status), h('span', {class: 'tag'}, cluster),
      h('a', {href: `#/tasks?cluster=${encodeURIComponent(cluster)}&service=${encodeURIComponent(s.serviceName)}`}, 'tasks')),
    h('div', {class: 'counts'},
      h('div', {}, h('b', {class: 'stat'}, s.desiredCount), h('span', {}, 'desired')),
      h('div', {}, h('b', {class: 'stat'}, s.runningCount), h('span', {}, 'running')),
      h('div', {}, h('b', {class: 'stat'}, s.pendingCount), h('span', {}, 'pending')),
      h('div', {}, h('b', {}, lastPart(s.taskDefinition)), h('span', {}, 'task definition'))),
    controls,
    h('h3', {}, 'Deployments'),
    h('table', {class: 'deployments'},
      h('thead', {}, h('tr', {}, ['Deployment', 'Status', 'Rollout', 'Desired', 'Running', 'Pending', 'Failed', 'Task definition', 'Updated']
        .map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, (s.deployments || []).map(d => h('tr', {},
        h('td', {class: 'mono'}, d.id), h('td', {}, status(d.status)),
        h('td', {}, status(d.rolloutState, d.rolloutStateReason)),
        h('td', {}, d.desiredCount), h('td', {}, d.runningCount), h('td', {}, d.pendingCount), h('td', {}, d.failedTasks ?? 0),
        h('td', {}, lastPart(d.taskDefinition)), h('td', {}, time(d.updatedAt)))))),
    h('h3', {}, 'Events'),
    (s.events || []).length === 0 ? h('p', {class: 'muted'}, 'No events yet.')
      : h('ul', {class: 'events'}, s.events.slice(0, 50).map(e => h('li', {}, h('span', {class: 'muted mono'}, time(e.createdAt) + ' '), e.message))));
}

// ---------- tasks

const STATUSES = ['', 'PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED'];

async function tasksView(r) {
  const filter = {cluster: r.params.get('cluster') || '', service: r.params.get('service') || '',
    status: r.params.get('status') || '', family: r.params.get('family') || ''};
  const query = () => Object.entries(filter).filter(([, v]) => v).map(([k, v]) => k + '=' + encodeURIComponent(v)).join('&');
  const [{tasks}, {clusters}] = await Promise.all([get('/ui/api/tasks?' + query()), get('/ui/api/clusters')]);
  const byArn = new Map(tasks.map(t => [t.taskArn, t]));
  const apply = () => { location.hash = '#/tasks' + (query() ? '?' + query() : ''); };
  const field = (name, label, control) => h('label', {}, label, control);
  const input = name => {
    const el = h('input', {type: 'search', value: filter[name], name, placeholder: 'any'});
    el.addEventListener('change', () => { filter[name] = el.value.trim(); apply(); });
    return el;
  };
  const select = (name, options) => {
    const el = h('select', {name}, options.map(o => h('option', {value: o, selected: o === filter[name]}, o || 'any')));
    el.addEventListener('change', () => { filter[name] = el.value; apply(); });
    return el;
  };
  const clusterNames = ['', ...new Set(['default', ...clusters.map(c => c.clusterName)])];
  const body = h('tbody', {});
  const count = h('span', {class: 'muted'});
  setView(
    h('h1', {}, 'Tasks', count),
    h('form', {class: 'filters', role: 'search', onsubmit: e => e.preventDefault()},
      field('cluster', 'Cluster', select('cluster', clusterNames)),
      field('service', 'Service', input('service')),
      field('status', 'Status', select('status', STATUSES)),
      field('family', 'Family', input('family'))),
    h('table', {id: 'tasks'},
      h('thead', {}, h('tr', {}, ['Task', 'Definition', 'Cluster', 'Group', 'Status', 'Containers', 'Created', 'Stopped reason']
        .map(t => h('th', {scope: 'col'}, t)))),
      body));
  const matches = t => (!filter.cluster || clusterName(t.clusterArn) === filter.cluster)
    && (!filter.service || t.group === 'service:' + filter.service)
    && (!filter.status || t.lastStatus === filter.status)
    && (!filter.family || lastPart(t.taskDefinitionArn).replace(/:\d+$/, '') === filter.family);
  const render = () => {
    const list = [...byArn.values()].filter(matches).sort((a, b) => (b.createdAt || 0) - (a.createdAt || 0));
    count.textContent = list.length + ' shown';
    body.replaceChildren(...(list.length ? list.map(taskRow)
      : [h('tr', {}, h('td', {colspan: 8, class: 'empty'}, 'No tasks match. Run one with aws ecs run-task or local-ecs-api run.'))]));
  };
  render();
  return {
    onTasks(changed) { changed.forEach(t => byArn.set(t.taskArn, t)); render(); },
  };
}

function taskRow(t) {
  const id = taskId(t.taskArn);
  const cluster = clusterName(t.clusterArn);
  return h('tr', {'data-task': id},
    h('td', {class: 'mono'}, h('a', {href: `#/task/${encodeURIComponent(cluster)}/${id}`}, id.slice(0, 12))),
    h('td', {}, lastPart(t.taskDefinitionArn)),
    h('td', {}, cluster),
    h('td', {class: 'muted'}, t.group || ''),
    h('td', {class: 'task-status'}, status(t.lastStatus, 'desired ' + t.desiredStatus)),
    h('td', {}, (t.containers || []).map(c => h('div', {}, h('span', {class: 'muted'}, c.name + ' '), status(c.lastStatus),
      c.exitCode != null ? [' ', exitCode(c.exitCode)] : null))),
    h('td', {title: t.createdAt ? new Date(t.createdAt * 1000).toISOString() : ''}, ago(t.createdAt)),
    h('td', {class: 'muted'}, t.stoppedReason || ''));
}

// ---------- one task

const TIMELINE = [['createdAt', 'Created'], ['pullStartedAt', 'Pull started'], ['pullStoppedAt', 'Pulled'],
  ['startedAt', 'Started'], ['stoppingAt', 'Stopping'], ['executionStoppedAt', 'Execution stopped'], ['stoppedAt', 'Stopped']];

async function taskView(r) {
  const [cluster, id] = r.args;
  const base = `/ui/api/tasks/${encodeURIComponent(cluster)}/${encodeURIComponent(id)}`;
  let {task} = await get(base);
  const header = h('div', {});
  const details = h('div', {});
  const panel = h('div', {});
  const tabs = ['Log', 'Compose files', 'Definition'];
  let tab = r.params.get('tab') || 'Log';
  const tabBar = h('div', {class: 'tabs', role: 'tablist'});
  let logFollow = null;

  const renderTask = () => {
    const stopButton = actionsEnabled() && task.lastStatus !== 'STOPPED' && task.desiredStatus !== 'STOPPED'
      ? h('button', {type: 'button', class: 'danger', id: 'stop-task', onclick: async e => {
        e.target.disabled = true;
        try { await act(base + '/stop'); toast('Stopping task ' + id.slice(0, 12)); } catch (err) { toast(err.message, true); e.target.disabled = false; }
      }}, 'Stop task') : null;
    header.replaceChildren(h('h1', {}, h('span', {class: 'mono'}, id), h('span', {id: 'task-status'}, status(task.lastStatus)),
      h('span', {class: 'tag'}, 'desired ' + task.desiredStatus), stopButton));
    const names = (task.containers || []).map(c => c.name);
    details.replaceChildren(
      h('p', {class: 'muted'}, lastPart(task.taskDefinitionArn), ' · cluster ', cluster, task.group ? ' · ' + task.group : '',
        task.launchType ? ' · ' + task.launchType : '', task.stopCode ? ' · ' + task.stopCode : '',
        task.stoppedReason ? ' · ' + task.stoppedReason : ''),
      h('section', {class: 'panel', 'aria-label': 'Timeline'}, h('ol', {class: 'timeline'}, TIMELINE.map(([key, label], i) => {
        const prev = TIMELINE.slice(0, i).map(([k]) => task[k]).filter(v => v != null).pop();
        return h('li', {class: task[key] != null ? 'done' : ''}, h('b', {}, label), time(task[key]),
          task[key] != null && prev != null ? h('small', {}, ' +' + duration(prev, task[key])) : null);
      }))),
      h('table', {id: 'containers'},
        h('thead', {}, h('tr', {}, ['Container', 'Image', 'Status', 'Health', 'Exit', 'Reason', 'Ports'].map(t => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, (task.containers || []).map(c => h('tr', {'data-container': c.name},
          h('td', {}, h('span', {class: colourOf(c.name, names)}, '■ '), c.name),
          h('td', {class: 'mono'}, c.image),
          h('td', {}, status(c.lastStatus)),
          h('td', {}, status(c.healthStatus)),
          h('td', {}, exitCode(c.exitCode)),
          h('td', {class: 'muted'}, c.reason || ''),
          h('td', {class: 'mono'}, [...(c.networkBindings || []).map(b => `${b.bindIP || '0.0.0.0'}:${b.hostPort}→${b.containerPort}/${b.protocol || 'tcp'}`),
            ...(c.networkInterfaces || []).map(n => n.privateIpv4Address)].filter(Boolean).join(', ') || '—'))))));
  };

  const renderTab = async () => {
    for (const button of tabBar.children) button.setAttribute('aria-selected', String(button.textContent === tab));
    if (logFollow) logFollow.abort();
    logFollow = null;
    if (tab === 'Log') {
      const box = h('div', {class: 'log', id: 'log', tabindex: 0, role: 'log', 'aria-label': 'Container output'});
      const follow = new AbortController();
      logFollow = follow;
      panel.replaceChildren(box);
      const names = (task.containers || []).map(c => c.name);
      followOutput(cluster, id, item => {
        const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 8;
        if (item.note) box.append(h('span', {class: 'line note'}, item.note));
        else if (item.end) box.append(h('span', {class: 'line note'}, '— end of output (task ' + item.lastStatus + ') —'));
        else box.append(h('span', {class: 'line' + (item.stream === 'stderr' ? ' err' : '')},
          h('span', {class: 'who ' + colourOf(item.container, names)}, item.container + ' |'), h('span', {class: 'msg'}, item.message)));
        if (atBottom) box.scrollTop = box.scrollHeight;
      }, follow.signal).catch(e => { if (e.name !== 'AbortError') box.append(h('span', {class: 'line note'}, 'Output interrupted: ' + e.message)); });
    } else if (tab === 'Compose files') {
      const {directory, files} = await get(base + '/compose');
      panel.replaceChildren(h('p', {class: 'muted'}, 'Project folder ', h('code', {}, directory), ' — merged in this order:'),
        ...(files.length === 0 ? [h('p', {class: 'empty'}, 'The compose files are gone (removed with the task).')]
          : files.map(f => h('details', {open: f.effective || undefined},
            h('summary', {}, h('code', {}, f.name), f.dropIn ? h('span', {class: 'tag dropin'}, 'drop-in') : null,
              f.effective ? h('span', {class: 'tag'}, 'effective') : null, h('span', {class: 'muted'}, f.origin)),
            h('pre', {}, f.content)))));
    } else {
      const definition = await get('/ui/api/task-definitions/' + encodeURIComponent(lastPart(task.taskDefinitionArn)));
      panel.replaceChildren(definitionDetail(definition.taskDefinition));
    }
  };
  tabs.forEach(name => tabBar.append(h('button', {type: 'button', role: 'tab', onclick: () => {
    tab = name; renderTab().catch(e => toast(e.message, true));
  }}, name)));
  renderTask();
  setView(header, details, tabBar, panel);
  await renderTab();
  return {
    onTasks(changed) {
      const mine = changed.find(t => taskId(t.taskArn) === id);
      if (mine) { task = mine; renderTask(); }
    },
    dispose() { if (logFollow) logFollow.abort(); },
  };
}

// ---------- task definitions

async function taskDefinitionsView(r) {
  const selected = r.params.get('show');
  const {taskDefinitions} = await get('/ui/api/task-definitions');
  const families = new Map();
  taskDefinitions.forEach(d => { if (!families.has(d.family)) families.set(d.family, []); families.get(d.family).push(d); });
  const detail = h('div', {});
  setView(h('h1', {}, 'Task definitions'),
    families.size === 0 ? h('p', {class: 'empty'}, 'No task definitions registered.')
      : h('table', {},
        h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Family'), h('th', {scope: 'col'}, 'Revisions'))),
        h('tbody', {}, [...families.entries()].sort().map(([family, list]) => h('tr', {},
          h('td', {}, h('b', {}, family), ' ', h('a', {href: '#/tasks?family=' + encodeURIComponent(family)}, 'tasks')),
          h('td', {}, h('div', {class: 'row'}, list.sort((a, b) => b.revision - a.revision).map(d =>
            h('a', {href: '#/task-definitions?show=' + encodeURIComponent(d.family + ':' + d.revision), class: 'tag',
              title: d.status}, (d.status === 'ACTIVE' ? '' : '○ ') + d.revision)))))))),
    detail);
  if (selected) {
    const {taskDefinition} = await get('/ui/api/task-definitions/' + encodeURIComponent(selected));
    detail.replaceChildren(h('h2', {}, selected), definitionDetail(taskDefinition));
    detail.scrollIntoView();
  }
  return {};
}

function definitionDetail(d) {
  return h('div', {},
    h('table', {},
      h('thead', {}, h('tr', {}, ['Container', 'Image', 'Essential', 'CPU / memory', 'Ports', 'Secrets (references)', 'Logging']
        .map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, (d.containerDefinitions || []).map(c => h('tr', {},
        h('td', {}, c.name), h('td', {class: 'mono'}, c.image), h('td', {}, c.essential === false ? 'no' : 'yes'),
        h('td', {}, (c.cpu ?? '—') + ' / ' + (c.memory ?? c.memoryReservation ?? '—')),
        h('td', {class: 'mono'}, (c.portMappings || []).map(p => (p.hostPort ? p.hostPort + '→' : '') + p.containerPort + '/' + (p.protocol || 'tcp')).join(', ') || '—'),
        h('td', {class: 'mono'}, (c.secrets || []).map(s => s.name + ' ← ' + s.valueFrom).join('\n') || '—'),
        h('td', {}, c.logConfiguration ? c.logConfiguration.logDriver : '—'))))),
    h('details', {}, h('summary', {}, 'Full definition (JSON, values of secret-named variables redacted)'),
      h('pre', {}, JSON.stringify(d, null, 2))));
}

// ---------- plugins and health

async function pluginsView() {
  const health = await get('/health');
  setView(h('h1', {}, 'Plugins & health', status(health.status)),
    (health.problems || []).length ? h('section', {class: 'panel'}, h('h2', {}, 'Problems'),
      h('ul', {}, health.problems.map(p => h('li', {class: 'error'}, p)))) : null,
    h('div', {class: 'cards'},
      h('section', {class: 'panel'}, h('h2', {}, 'Engine'), h('p', {}, health.engine),
        health.docker ? h('p', {class: 'muted'}, 'Docker ', health.docker.reachable ? 'reachable' : 'unreachable',
          health.docker.version ? ' · ' + health.docker.version : '') : null),
      h('section', {class: 'panel'}, h('h2', {}, 'Upstream ECS'),
        h('p', {}, health.upstream && health.upstream.ecs.configured ? health.upstream.ecs.endpoint : 'none configured')),
      h('section', {class: 'panel'}, h('h2', {}, 'Endpoint'),
        h('p', {}, health.endpoint ? (health.endpoint.mode + ' · ' + (health.endpoint.address || '')) : '—'))),
    h('h2', {}, 'Plugins'),
    h('table', {id: 'plugins'},
      h('thead', {}, h('tr', {}, ['Plugin', 'Version', 'State', 'Extensions'].map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, (health.plugins || []).map(p => h('tr', {},
        h('td', {}, p.id), h('td', {}, p.version || '—'), h('td', {}, p.state === 'STARTED' ? status('STARTED') : status('FAILED', p.state), p.state === 'STARTED' ? null : ' ' + p.state),
        h('td', {class: 'muted'}, (p.extensions || []).join(', ')))))),
    h('h2', {}, 'Workers'),
    h('table', {},
      h('thead', {}, h('tr', {}, ['Worker', 'State'].map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, (health.workers || []).map(w => h('tr', {}, h('td', {}, w.name || w.plugin || ''),
        h('td', {}, w.error ? h('span', {class: 'error'}, w.error) : (w.state || 'running')))))),
    h('h2', {}, 'Operations served'),
    h('table', {},
      h('thead', {}, h('tr', {}, ['Operation', 'Plugin'].map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, Object.entries(health.actions || {}).sort().map(([op, plugin]) => h('tr', {}, h('td', {class: 'mono'}, op), h('td', {}, plugin))))));
  return {};
}

// ---------- shell

async function start() {
  let session = {actions: false, engine: '?'};
  try { session = await loadSession(); } catch (e) { toast('No session: ' + e.message, true); }
  document.getElementById('engine').textContent = 'engine: ' + session.engine;
  document.getElementById('actions-state').textContent = actionsEnabled() ? 'actions on' : 'read-only';
  const live = document.getElementById('live');
  connectEvents(tasks => current && current.onTasks && current.onTasks(tasks), () => route(), on => {
    live.textContent = on ? 'Live' : 'Reconnecting…';
    live.className = 'pill live ' + (on ? 'on' : 'off');
  });
  window.addEventListener('hashchange', route);
  document.addEventListener('keydown', e => {
    if (e.target.matches('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
    const link = document.querySelector(`nav a[accesskey="${e.key}"]`);
    if (link) { e.preventDefault(); link.click(); main.focus(); }
  });
  route();
}

start();
