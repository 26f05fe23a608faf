// Vigil dashboard: the live anomaly feed (SSE), the device table and a live chart of the selected device.
'use strict';
const $ = (sel) => document.querySelector(sel);
const state = { devices: [], selected: null, metric: null, anomalies: 0, lastEventId: null, chart: null };
const FEED_MAX = 200;

function fmtTime(iso) { return iso ? new Date(iso).toLocaleTimeString() : '–'; }
function fmtNum(v) { return v == null ? '–' : (Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(3)); }
async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) {
    const e = new Error(url + ' answered ' + r.status);
    e.body = await r.json().catch(() => null);
    throw e;
  }
  return { body: await r.json(), servedBy: r.headers.get('X-Vigil-Served-By') };
}

// ---- status ---------------------------------------------------------------------------------------
async function refreshStatus() {
  try {
    const r = await fetch('/ready');
    const body = await r.json();
    $('#status').textContent = body.streams.toLowerCase();
    $('#status').className = 'pill ' + (r.ok ? 'up' : 'down');
  } catch (e) { $('#status').textContent = 'offline'; $('#status').className = 'pill down'; }
}

// ---- anomaly feed ---------------------------------------------------------------------------------
function addToFeed(a, fresh) {
  const li = document.createElement('li');
  li.dataset.device = a.deviceId; li.dataset.metric = a.metric; li.dataset.timestamp = a.timestamp;
  if (fresh) { li.classList.add('fresh'); }
  li.innerHTML = `<span class="dev"></span> · <span class="metric"></span> = <span class="val"></span>
    <div class="muted"><span class="when"></span> · error <span class="err"></span> &gt; <span class="thr"></span> · z <span class="z"></span></div>`;
  li.querySelector('.dev').textContent = a.deviceId;
  li.querySelector('.metric').textContent = a.metric;
  li.querySelector('.val').textContent = fmtNum(a.value);
  li.querySelector('.when').textContent = fmtTime(a.timestamp);
  li.querySelector('.err').textContent = a.reconstructionError.toFixed(3);
  li.querySelector('.thr').textContent = a.threshold;
  li.querySelector('.z').textContent = a.explanation ? a.explanation.zScore.toFixed(1) : '–';
  li.addEventListener('click', () => select(a.deviceId, a.metric));
  const feed = $('#feed');
  feed.insertBefore(li, feed.firstChild);
  while (feed.children.length > FEED_MAX) { feed.removeChild(feed.lastChild); }
  state.anomalies++; $('#anomaly-count').textContent = state.anomalies;
}

async function startFeed() {
  try {
    const { body } = await getJson('/api/anomalies?limit=50');
    body.slice().reverse().forEach((e) => addToFeed(e.anomaly, false));
    if (body.length > 0) { state.lastEventId = body[0].id; }
  } catch (e) { /* the stream below still works */ }
  connectStream();
}

function connectStream() {
  const url = '/api/anomalies/stream' + (state.lastEventId ? '?lastEventId=' + encodeURIComponent(state.lastEventId) : '');
  const source = new EventSource(url);
  source.onopen = () => { $('#feed-state').textContent = 'live'; };
  source.addEventListener('anomaly', (msg) => {
    state.lastEventId = msg.lastEventId;
    const a = JSON.parse(msg.data);
    addToFeed(a, true);
    if (a.deviceId === state.selected) { refreshChart(); }
  });
  source.onerror = () => {
    $('#feed-state').textContent = 'reconnecting…';
    source.close();
    setTimeout(connectStream, 2000);  // resumes after the last event seen, on whichever instance answers
  };
}

// ---- devices --------------------------------------------------------------------------------------
async function refreshDevices() {
  try {
    const all = [];
    let cursor = null;
    do {
      const { body } = await getJson('/api/devices?limit=1000' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      all.push(...body.devices); cursor = body.nextCursor;
    } while (cursor && all.length < 20000);
    state.devices = all;
    $('#device-count').textContent = all.length;
    renderDevices();
    if (!state.selected && all.length > 0) {
      const first = all.find((d) => d.anomalies > 0) || all[0];
      select(first.deviceId, null);
    }
  } catch (e) { /* 503 while rebalancing: keep the last table */ }
}

function renderDevices() {
  const q = $('#search').value.trim().toLowerCase();
  const onlyAnomalous = $('#only-anomalous').checked;
  const sort = $('#sort').value;
  const rows = state.devices.filter((d) => (!onlyAnomalous || d.anomalies > 0) &&
      (!q || [d.deviceId, d.name, d.type, d.location].some((f) => f && f.toLowerCase().includes(q))));
  const lastAnomaly = (d) => (d.lastAnomaly ? d.lastAnomaly.timestamp : '');
  rows.sort(sort === 'deviceId' ? (a, b) => a.deviceId.localeCompare(b.deviceId)
      : sort === 'anomalies' ? (a, b) => b.anomalies - a.anomalies
      : (a, b) => lastAnomaly(b).localeCompare(lastAnomaly(a)) || a.deviceId.localeCompare(b.deviceId));
  const tbody = $('#devices tbody');
  tbody.replaceChildren(...rows.slice(0, 500).map((d) => {
    const tr = document.createElement('tr');
    tr.dataset.device = d.deviceId;
    if (d.deviceId === state.selected) { tr.classList.add('selected'); }
    if (d.anomalies > 0) { tr.classList.add('has-anomaly'); }
    const latest = Object.entries(d.latest || {}).map(([m, l]) => `${m} ${fmtNum(l.value)}`).join(', ');
    [d.deviceId, d.type || '–', latest, d.messages, d.anomalies, d.lastAnomaly ? fmtTime(d.lastAnomaly.timestamp) : '–']
      .forEach((v) => { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
    tr.addEventListener('click', () => select(d.deviceId, null));
    return tr;
  }));
}

// ---- chart ----------------------------------------------------------------------------------------
function select(deviceId, metric) {
  state.selected = deviceId; state.metric = metric;
  $('#selected').textContent = deviceId;
  renderDevices();
  refreshChart();
}

function ensureChart() {
  if (state.chart) { return state.chart; }
  state.chart = new Chart($('#chart'), {
    type: 'line',
    data: { datasets: [
      { label: 'reading', data: [], borderColor: '#4fb3ff', pointRadius: 0, borderWidth: 1.5, yAxisID: 'y' },
      { label: 'reconstruction error', data: [], borderColor: '#c792ea', pointRadius: 0, borderWidth: 1, yAxisID: 'err' },
      { label: 'threshold', data: [], borderColor: '#ffb454', borderDash: [6, 4], pointRadius: 0, borderWidth: 1, yAxisID: 'err' },
      { label: 'anomaly', data: [], type: 'scatter', backgroundColor: '#ff5b5b', pointRadius: 6, yAxisID: 'y' },
    ] },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
      scales: {
        x: { type: 'linear', ticks: { color: '#7d8b97', callback: (v) => new Date(v).toLocaleTimeString() }, grid: { color: '#26313b' } },
        y: { position: 'left', ticks: { color: '#7d8b97' }, grid: { color: '#26313b' } },
        err: { type: 'logarithmic', position: 'right', ticks: { color: '#7d8b97' }, grid: { display: false } },
      },
      plugins: { legend: { labels: { color: '#d8e0e7' } } },
    },
  });
  return state.chart;
}

async function refreshChart() {
  const id = state.selected;
  if (!id) { return; }
  try {
    const from = new Date(Date.now() - 15 * 60 * 1000).toISOString();
    const { body: scores, servedBy } = await getJson(`/api/devices/${encodeURIComponent(id)}/history?from=${from}`);
    if (id !== state.selected) { return; }
    const metrics = [...new Set(scores.map((s) => s.metric))].sort();
    const metric = state.metric && metrics.includes(state.metric) ? state.metric : metrics[0];
    state.metric = metric;
    const select = $('#metric');
    if (select.dataset.options !== metrics.join(',')) {
      select.replaceChildren(...metrics.map((m) => { const o = document.createElement('option'); o.value = m; o.textContent = m; return o; }));
      select.dataset.options = metrics.join(',');
    }
    select.value = metric || '';
    const points = scores.filter((s) => s.metric === metric);
    const t = (s) => Date.parse(s.timestamp);
    const chart = ensureChart();
    chart.data.datasets[0].data = points.map((s) => ({ x: t(s), y: s.value }));
    chart.data.datasets[1].data = points.map((s) => ({ x: t(s), y: Math.max(s.reconstructionError, 1e-5) }));
    chart.data.datasets[2].data = points.map((s) => ({ x: t(s), y: s.threshold }));
    chart.data.datasets[3].data = points.filter((s) => s.anomaly).map((s) => ({ x: t(s), y: s.value }));
    chart.update();
    const box = $('#chart-box');
    box.dataset.device = id; box.dataset.metric = metric || '';
    box.dataset.points = points.length; box.dataset.anomalies = chart.data.datasets[3].data.length;
    $('#served-by').textContent = servedBy ? 'served by ' + servedBy : '';
  } catch (e) {
    // keep the last chart; say so when the deployment keeps no history (history.retention.ms=0)
    if (e.body && e.body.error === 'no history') { $('#served-by').textContent = e.body.detail; }
  }
}

$('#search').addEventListener('input', renderDevices);
$('#only-anomalous').addEventListener('change', renderDevices);
$('#sort').addEventListener('change', renderDevices);
$('#metric').addEventListener('change', (e) => { state.metric = e.target.value; refreshChart(); });

refreshStatus(); setInterval(refreshStatus, 5000);
refreshDevices(); setInterval(refreshDevices, 5000);
setInterval(refreshChart, 2000);
startFeed();
