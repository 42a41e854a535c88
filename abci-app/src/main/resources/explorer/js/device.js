// A device's page: its quantities (one asset per device, key and unit), the selected one's value
// history as a zoomable time-series chart (uPlot) and table, with new readings added live.
import { api } from './api.js';
import { h, table, txLink, blockLink, readingSeconds, formatTime } from './dom.js';

const TABLE_ROWS = 100;

/** The assets whose data names this device, by key. */
export async function assetsOfDevice(device) {
  const found = (await api.searchAssets(device)) ?? [];
  return found
    .filter((a) => a.data && a.data.device === device)
    .sort((a, b) => String(a.data.key).localeCompare(String(b.data.key)));
}

/** The readings a TRANSFER's metadata carries, each with the transaction that recorded it. */
function readingsOf(tx, height) {
  const readings = tx.metadata?.readings;
  if (!Array.isArray(readings)) return [];
  return readings.map((r) => ({ t: readingSeconds(r.t), tz: r.tz, v: r.v, tx: tx.id, height }));
}

const plotted = (v) => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : null);

export async function devicePage(view, feed, device, selectedAsset) {
  const assets = await assetsOfDevice(device);
  view.append(h('h2', {}, 'Device ', h('span', { id: 'device-name' }, device)));
  if (assets.length === 0) {
    view.append(h('p', {}, 'No asset of this device is on the ledger.'));
    return undefined;
  }
  const asset = assets.find((a) => a.id === selectedAsset) ?? assets[0];
  const { key, unit } = asset.data;
  view.append(
    h('nav', { class: 'tabs' }, assets.map((a) =>
      h('a', { href: `#/device/${encodeURIComponent(device)}/${a.id}`, class: a === asset ? 'active' : '' },
        `${a.data.key} (${a.data.unit})`))),
    h('p', { class: 'hint' }, 'asset ', txLink(asset.id)),
  );

  const readings = [];
  for (const tx of (await api.assetHistory(asset.id)) ?? []) readings.push(...readingsOf(tx, null));
  readings.sort((a, b) => a.t - b.t);

  const chartBox = h('div', { id: 'chart' });
  const count = h('span', { id: 'reading-count' }, String(readings.length));
  const from = h('input', { type: 'datetime-local', id: 'range-from', step: '1' });
  const to = h('input', { type: 'datetime-local', id: 'range-to', step: '1' });
  const rows = h('div', { id: 'readings' });
  view.append(
    h('section', {},
      h('h3', {}, `${key} in ${unit || '(no unit)'} · `, count, ' readings'),
      chartBox,
      h('p', { class: 'controls' },
        'Zoom: drag across the chart, or from ', from, ' to ', to, ' (UTC) ',
        h('button', { id: 'range-apply', onclick: () => zoomTo(from.value, to.value) }, 'show range'),
        ' ', h('button', { id: 'range-reset', onclick: () => resetZoom() }, 'all readings'))),
    h('section', {}, h('h3', {}, 'Latest readings'), rows),
  );

  let zoomed = false;
  const data = () => {
    const points = readings.filter((r) => r.t !== null && plotted(r.v) !== null);
    return [points.map((r) => r.t), points.map((r) => plotted(r.v))];
  };
  const plot = new uPlot({
    width: Math.max(320, chartBox.clientWidth || 900),
    height: 320,
    scales: { x: { time: true } },
    series: [{ label: 'time (UTC)', value: (u, v) => (v == null ? '' : formatTime(v)) },
      { label: `${key} (${unit})`, stroke: '#1f6feb', width: 1.5, points: { size: 4 } }],
    axes: [{}, { label: unit, size: 60 }],
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    hooks: {
      setSelect: [() => { zoomed = true; }],
      // What the chart shows, readable by tests and tools without decoding the canvas.
      setScale: [(u, scale) => {
        if (scale !== 'x') return;
        chartBox.dataset.xMin = String(u.scales.x.min);
        chartBox.dataset.xMax = String(u.scales.x.max);
      }],
      setData: [(u) => { chartBox.dataset.points = String(u.data[0].length); }],
    },
  }, data(), chartBox);
  chartBox.dataset.points = String(plot.data[0].length);

  const zoomTo = (a, b) => {
    const min = Date.parse(a + 'Z') / 1000;
    const max = Date.parse(b + 'Z') / 1000;
    if (Number.isNaN(min) || Number.isNaN(max) || min >= max) return;
    zoomed = true;
    plot.setScale('x', { min, max });
  };
  const resetZoom = () => {
    zoomed = false;
    plot.setData(data(), true);
  };

  const renderTable = () => {
    rows.replaceChildren(table(['time (UTC)', 'value', 'zone', 'transaction', 'block'],
      readings.slice(-TABLE_ROWS).reverse().map((r) => [
        r.t === null ? '' : formatTime(r.t),
        `${r.v} ${unit}`,
        r.tz ?? '',
        txLink(r.tx),
        r.height === null ? h('a', { href: `#/block-of/${r.tx}` }, 'find') : blockLink(r.height),
      ]), { id: 'readings-table' }));
  };
  renderTable();

  const stop = feed.listen(async (event) => {
    if (event.asset_id !== asset.id || event.transaction_id === asset.id) return;
    const tx = await api.transaction(event.transaction_id);
    if (!tx) return;
    readings.push(...readingsOf(tx, event.height));
    readings.sort((a, b) => a.t - b.t);
    count.textContent = String(readings.length);
    plot.setData(data(), !zoomed);
    renderTable();
  });
  return stop;
}

