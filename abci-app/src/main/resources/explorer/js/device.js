// A device's page: its quantities (one asset per device, key and unit), the selected one's value
// history as a zoomable time-series chart (uPlot) of the app's downsampled series (at most 2,000
// points, finer when zoomed), its latest readings linked to their transactions and blocks, and
// both updated live from the event stream.
import { api, readingList } from './api.js';
import { h, table, txLink, blockLink, readingSeconds, formatTime } from './dom.js';

const HISTORY_ENTRIES = 20;
const TABLE_ROWS = 100;

export async function devicePage(view, feed, device, selectedAsset) {
  const found = await api.device(device);
  view.append(h('h2', {}, 'Device ', h('span', { id: 'device-name' }, device)));
  if (!found || found.assets.length === 0) {
    view.append(h('p', {}, 'No asset of this device is on the ledger.'));
    return undefined;
  }
  const asset = found.assets.find((a) => a.asset_id === selectedAsset) ?? found.assets[0];
  const unit = asset.unit ?? '';
  view.append(
    h('nav', { class: 'tabs' }, found.assets.map((a) =>
      h('a', { href: `#/device/${encodeURIComponent(device)}/${a.asset_id}`, class: a === asset ? 'active' : '' },
        `${a.key} (${a.unit})`))),
    h('p', { class: 'hint' }, 'asset ', txLink(asset.asset_id)),
  );

  const chartBox = h('div', { id: 'chart' });
  const count = h('span', { id: 'reading-count' }, '…');
  const from = h('input', { type: 'datetime-local', id: 'range-from', step: '1' });
  const to = h('input', { type: 'datetime-local', id: 'range-to', step: '1' });
  const resolution = h('span', { id: 'resolution' });
  const csv = h('a', { id: 'export-csv' }, 'CSV');
  const json = h('a', { id: 'export-json' }, 'JSON');
  const rows = h('div', { id: 'readings' });
  view.append(
    h('section', {},
      h('h3', {}, `${asset.key} in ${unit || '(no unit)'} · `, count, ' readings'),
      chartBox,
      h('p', { class: 'controls' },
        'Zoom: drag across the chart, or from ', from, ' to ', to, ' (UTC) ',
        h('button', { id: 'range-apply', onclick: () => zoomTo(from.value, to.value) }, 'show range'),
        ' ', h('button', { id: 'range-reset', onclick: () => load(null) }, 'all readings'),
        ' · ', resolution, ' · export the shown range: ', csv, ' ', json)),
    h('section', {}, h('h3', {}, 'Latest readings'), rows),
  );

  // The shown range in epoch ms, or null for the whole series.
  let range = null;
  const plot = new uPlot({
    width: Math.max(320, chartBox.clientWidth || 900),
    height: 320,
    scales: { x: { time: true } },
    series: [
      { label: 'time (UTC)', value: (u, v) => (v == null ? '' : formatTime(v)) },
      { label: `mean (${unit})`, stroke: '#1f6feb', width: 1.5, points: { size: 4 } },
      { label: 'min', stroke: '#8cb4ff', width: 1, dash: [4, 4] },
      { label: 'max', stroke: '#8cb4ff', width: 1, dash: [4, 4] },
    ],
    axes: [{}, { label: unit, size: 60 }],
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    cursor: { drag: { x: true, setScale: false } },
    hooks: {
      // A dragged selection loads that range at the finest resolution the app has for it.
      setSelect: [(u) => {
        if (u.select.width < 2) return;
        const a = u.posToVal(u.select.left, 'x');
        const b = u.posToVal(u.select.left + u.select.width, 'x');
        u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
        load({ from: a * 1000, to: b * 1000 }).catch(console.error);
      }],
      // What the chart shows, readable by tests and tools without decoding the canvas.
      setScale: [(u, scale) => {
        if (scale !== 'x') return;
        chartBox.dataset.xMin = String(u.scales.x.min);
        chartBox.dataset.xMax = String(u.scales.x.max);
      }],
    },
  }, [[], [], [], []], chartBox);

  async function load(newRange) {
    range = newRange;
    const series = await api.readings(asset.asset_id, range);
    const points = series.points;
    count.textContent = String(series.total_readings);
    resolution.textContent = series.resolution_ms === null ? '' : `${points.length} points, one per ${series.resolution_ms} ms`;
    plot.setData([points.map((p) => p.t / 1000), points.map((p) => p.mean), points.map((p) => p.min),
      points.map((p) => p.max)], range === null);
    if (range !== null) plot.setScale('x', { min: range.from / 1000, max: range.to / 1000 });
    chartBox.dataset.points = String(points.length);
    csv.href = api.exportUrl(asset.asset_id, 'csv', range);
    json.href = api.exportUrl(asset.asset_id, 'json', range);
    return series.history_height;
  }

  function zoomTo(a, b) {
    const min = Date.parse(a + 'Z');
    const max = Date.parse(b + 'Z');
    if (Number.isNaN(min) || Number.isNaN(max) || min >= max) return;
    load({ from: min, to: max }).catch(console.error);
  }

  async function loadTable() {
    const page = await api.history(asset.asset_id, HISTORY_ENTRIES);
    const lines = [];
    for (const entry of page.entries) {
      if (lines.length >= TABLE_ROWS) break;
      // The history leaves out metadata over 1 KiB (the ingestor's batches): then the transaction has it.
      const metadata = entry.metadata_omitted ? (await api.transaction(entry.id))?.metadata : entry.metadata;
      const readings = [...readingList(metadata?.readings)].reverse();
      for (const r of readings.slice(0, TABLE_ROWS - lines.length)) {
        const s = readingSeconds(r.t);
        lines.push([s === null ? String(r.t) : formatTime(s), `${r.v} ${unit}`, r.tz ?? '', txLink(entry.id, entry.height),
          blockLink(entry.height)]);
      }
    }
    rows.replaceChildren(table(['time (UTC)', 'value', 'zone', 'transaction', 'block'], lines, { id: 'readings-table' }));
    return page.history_height;
  }

  await Promise.all([load(null), loadTable()]);

  // The history is written behind Commit, a pass at most every 5 s: each answer says through which
  // height it holds the blocks, and one older than the event's block is asked again (every second,
  // for up to 30 s).
  let pending = null;
  async function refresh(height, tries) {
    const covered = await Promise.all([load(range), loadTable()]);
    if (Math.min(...covered) < height && tries > 1) {
      pending = setTimeout(() => refresh(height, tries - 1).catch(console.error), 1000);
    }
  }
  // Events of one block arrive together: one reload after them.
  const stop = feed.listen((event) => {
    if (event.asset_id !== asset.asset_id) return;
    clearTimeout(pending);
    pending = setTimeout(() => refresh(event.height, 30).catch(console.error), 200);
  });
  return () => {
    stop();
    clearTimeout(pending);
  };
}
