// VertxCenter web console: renders the snapshots the node publishes once a second (server-sent
// events from api/events) and sends the CLI's commands through api/command.
'use strict';

const $ = id => document.getElementById(id);
let snapshot = { nodes: [] };
let chart = null;

const number = n => n == null ? '–' : Number(n).toLocaleString('en-US');
const ms = n => n == null ? '–' : Number(n).toFixed(2);

function uptime(startedAt, now) {
  let s = Math.max(0, Math.floor((now - startedAt) / 1000));
  if (s < 60) return s + 's';
  if (s < 3600) return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
  return Math.floor(s / 3600) + 'h' + String(Math.floor(s % 3600 / 60)).padStart(2, '0') + 'm';
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text == null ? '–' : String(text);
  if (className) td.className = className;
  return td;
}

/** Replaces the rows of a table body with one row per item, built by fill(row, item). */
function rows(tableId, items, key, fill) {
  const body = $(tableId).tBodies[0];
  body.replaceChildren();
  for (const item of items) {
    const row = body.insertRow();
    row.dataset.key = key(item);
    fill(row, item);
  }
}

function render(s) {
  snapshot = s;
  $('cluster').textContent = "cluster '" + s.cluster + "'";
  $('served-by').textContent = 'served by ' + s.node;
  $('live').className = 'live on';
  const t = s.totals;
  $('received-rate').textContent = number(t.receivedPerSec);
  $('delivered-rate').textContent = number(t.deliveredPerSec);
  $('received-total').textContent = number(t.received);
  $('delivered-total').textContent = number(t.delivered);
  $('latency-p50').textContent = ms(t.latencyP50Ms);
  $('latency-p99').textContent = ms(t.latencyP99Ms);
  $('held').textContent = number(t.held);
  $('paused').textContent = t.paused ? 'paused' : 'flowing';
  $('paused').className = t.paused ? 'paused' : '';
  $('invalid-json').textContent = number(t.invalidJson);
  $('duplicates').textContent = number(t.duplicates);
  $('node-count').textContent = '(' + s.nodes.length + ')';

  rows('nodes', s.nodes, n => n.id, (row, n) => {
    row.id = 'node-' + n.id;
    cell(row, n.id);
    cell(row, n.roles.join(', '));
    cell(row, n.host);
    cell(row, n.pid);
    cell(row, uptime(n.startedAt, s.at));
    cell(row, n.state, 'state-' + n.state).title = n.reason || '';
    cell(row, Object.entries(n.verticles).map(([v, k]) => v + '×' + k).join(' '));
    cell(row, n.http);
  });

  const workers = s.nodes.filter(n => n.status.worker);
  rows('workers', workers, n => n.id, (row, n) => {
    const w = n.status.worker;
    row.id = 'workers-' + n.id;
    cell(row, n.id);
    cell(row, w.error ? 'no answer' : w.instances, 'instances');
    cell(row, number(w.tasksDone));
    cell(row, w.busyMs == null ? '–' : (w.busyMs / 1000).toFixed(1) + ' s');
  });

  const roleRows = [];
  for (const n of s.nodes) {
    if (n.status.server) roleRows.push([n, 'server', n.status.server]);
    if (n.status.client) roleRows.push([n, 'client', n.status.client]);
  }
  rows('roles', roleRows, ([n, role]) => n.id + '.' + role, (row, [n, role, st]) => {
    cell(row, n.id);
    cell(row, role);
    if (st.error) { cell(row, 'no answer'); cell(row, st.error); return; }
    if (role === 'server') {
      cell(row, st.listening ? 'listening :' + st.port : st.state === 'degraded' ? 'cannot listen' : 'stopped',
        'state-' + st.state).title = st.reason || '';
      const log = st.log || {};
      cell(row, number(st.received) + ' received, ' + number(st.connections) + (st.connections === 1 ? ' connection' : ' connections') + (st.paused ? ', paused' : '')
        + (log.dir ? ', log ' + number(log.bytes) + ' B (' + log.durability + '), replayed ' + number(log.replayed)
          + (log.lastSyncMicros ? ', fsync ' + (log.lastSyncMicros / 1000).toFixed(1) + ' ms' : '') : '')
        + (log.oldestUnackedMs ? ', oldest unacked ' + (log.oldestUnackedMs / 1000).toFixed(1) + ' s' : ''));
    } else {
      cell(row, st.running ? 'sending' : 'idle', st.running ? 'state-ready' : '');
      cell(row, number(st.sent) + ' sent, ' + number(st.ratePerSec) + ' /s');
    }
  });

  suggestTarget(s);
  drawChart(s.history);
}

function drawChart(h) {
  const data = [h.t, h.received, h.delivered];
  const width = $('chart').clientWidth || 800;
  if (!chart) {
    chart = new uPlot({
      width, height: 220,
      scales: { x: { time: true } },
      series: [
        {},
        { label: 'received /s', stroke: '#4fb3ff', width: 2, fill: 'rgba(79,179,255,0.08)' },
        { label: 'delivered /s', stroke: '#3ecf8e', width: 2, dash: [8, 5] },
      ],
      axes: [
        { stroke: '#8aa0b3', grid: { stroke: '#263544' }, ticks: { stroke: '#263544' } },
        { stroke: '#8aa0b3', grid: { stroke: '#263544' }, ticks: { stroke: '#263544' }, size: 70 },
      ],
    }, data, $('chart'));
  } else {
    chart.setData(data);
  }
}

window.addEventListener('resize', () => chart && chart.setSize({ width: $('chart').clientWidth, height: 220 }));

/** What the page says when this node has not logged the browser in (or the session ended). */
const LOGIN_HINT = "not logged in to this node's console: run 'center console' and open the link it prints";

function connect() {
  const events = new EventSource('api/events');
  events.onmessage = e => render(JSON.parse(e.data));
  events.onerror = async () => {
    $('live').className = 'live off';
    // an event stream does not say why it failed: ask, and stop retrying when the answer is 'log in'
    const answer = await fetch('api/session').catch(() => null);
    if (answer && answer.status === 401) {
      events.close();
      report(LOGIN_HINT, true);
    }
  };
}

/**
 * One command, as the CLI sends it; the browser's session cookie (from the login link of
 * 'center console') stands for the cluster token. Resolves to the reply, rejects with the error text.
 */
async function command(address, action, args) {
  const response = await fetch('api/command', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ address, action, args: args || {} }),
  });
  const body = await response.json();
  if (response.status === 401) throw new Error(LOGIN_HINT);
  if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
  return body;
}

/** A role command for every node with the role, like the CLI without --node: to center.node.<id>.<role>. */
function toRole(role, action, args) {
  const nodes = snapshot.nodes.filter(n => n.roles.includes(role));
  if (!nodes.length) return Promise.reject(new Error('no ' + role + ' node in the cluster'));
  return Promise.all(nodes.map(n => command('center.node.' + n.id + '.' + role, action, args)));
}

function report(text, error) {
  $('result').textContent = text;
  $('result').className = error ? 'result error' : 'result';
}

function action(buttonId, run, done) {
  $(buttonId).addEventListener('click', async () => {
    $(buttonId).disabled = true;
    try {
      report(done(await run()));
    } catch (e) {
      report(e.message, true);
    } finally {
      $(buttonId).disabled = false;
    }
  });
}

action('server-start', () => toRole('server', 'start'), r => 'server started on ' + r.length + ' node(s)');
action('server-stop', () => toRole('server', 'stop'), r => 'server stopped on ' + r.length + ' node(s)');
action('client-start', () => toRole('client', 'start', clientArgs()),
  r => 'client sending on ' + r.length + ' node(s)');
action('client-stop', () => toRole('client', 'stop'), r => 'client stopped on ' + r.length + ' node(s)');
action('scale-workers', () => toRole('worker', 'scale', { instances: Number($('workers-count').value) }),
  r => 'workers scaled to ' + $('workers-count').value + ' instances on ' + r.length + ' node(s)');
action('bench-run', runBench, r => 'bench: ' + number(r.tasks) + ' tasks in ' + Number(r.seconds).toFixed(2)
  + ' s on ' + r.instances + ' instances, checksum ' + (r.checksumOk ? 'ok' : 'WRONG'));

/** The client's start args: the rate, and the server to send to when one is given ("host:port"). */
function clientArgs() {
  const args = { rate: Number($('client-rate').value) };
  const target = $('client-target').value.trim();
  if (target) {
    const colon = target.lastIndexOf(':');
    args.host = target.substring(0, colon);
    args.port = Number(target.substring(colon + 1));
  }
  return args;
}

/** Until the user types one, the client's target is the first listening server bound to one address. */
function suggestTarget(s) {
  if ($('client-target').value) return;
  for (const n of s.nodes) {
    const server = n.status.server;
    if (server && server.listening && server.host !== '0.0.0.0') {
      $('client-target').value = server.host + ':' + server.port;
      return;
    }
  }
}

/** Starts a Cluster bench run and follows its progress until it ends; resolves to its result. */
async function runBench() {
  const instances = snapshot.nodes.reduce((sum, n) => sum + (n.verticles.worker || 0), 0);
  const run = await command('center.worker', 'bench', { total: Number($('bench-total').value), instances: Math.max(1, instances) });
  $('bench').className = 'bench';
  for (;;) {
    const p = await command('center.node.' + run.coordinator + '.worker', 'bench-progress', { run: run.run });
    $('bench-bar').style.width = (100 * p.tasksDone / p.total) + '%';
    $('bench-text').textContent = number(p.tasksDone) + ' / ' + number(p.total) + ' tasks, ' + p.chunksDone + ' chunks';
    if (p.finished) {
      if (p.error) throw new Error('bench failed: ' + p.error);
      return p.result;
    }
    await new Promise(resolve => setTimeout(resolve, 300));
  }
}

connect();
