// Small DOM helpers: pages are built from elements, never from HTML strings, so no served value
// can inject markup.

/** An element with attributes (on* keys become listeners) and children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export const short = (id) => (id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-6)}` : id);

/** A transaction's link; its block's height, when known, saves the transaction page a search for the block. */
export const txLink = (id, height) =>
  h('a', { href: `#/tx/${id}${height === undefined ? '' : '/' + height}`, class: 'mono', title: id }, short(id));
export const blockLink = (height) => h('a', { href: `#/block/${height}` }, String(height));
export const keyLink = (key) => h('a', { href: `#/key/${key}`, class: 'mono', title: key }, short(key));
export const deviceLink = (device, assetId) =>
  h('a', { href: `#/device/${encodeURIComponent(device)}${assetId ? '/' + assetId : ''}` }, device);

/** A table with a header row and rows of cells (elements or text). */
export function table(headers, rows, attrs = {}) {
  return h(
    'table',
    attrs,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c))))),
  );
}

/** A reading's time: epoch milliseconds or seconds as numbers, or a date string, as epoch seconds. */
export function readingSeconds(t) {
  if (typeof t === 'number') return t > 1e11 ? t / 1000 : t;
  const parsed = Date.parse(t);
  return Number.isNaN(parsed) ? null : parsed / 1000;
}

export const formatTime = (seconds) => new Date(seconds * 1000).toISOString().replace('T', ' ').replace('Z', ' UTC');
