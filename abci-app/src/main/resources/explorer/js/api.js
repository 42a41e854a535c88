// The app's HTTP API and event stream, as the explorer pages use them. Every request has a timeout.

const TIMEOUT_MS = 20000;

export class ApiError extends Error {
  constructor(path, status, message) {
    super(`${path}: ${status} ${message}`);
    this.status = status;
  }
}

async function request(path) {
  const response = await fetch(path, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok && response.status !== 404) {
    let message = response.statusText;
    try {
      message = (await response.json()).message ?? message;
    } catch (e) {
      // The body was not JSON; the status text says enough.
    }
    throw new ApiError(path, response.status, message);
  }
  return response;
}

/** The parsed JSON body, or null when the API answers 404. */
export async function getJson(path) {
  const response = await request(path);
  return response.status === 404 ? null : response.json();
}

/** The body as served (for verification, which must see the exact text), or null on 404. */
export async function getText(path) {
  const response = await request(path);
  return response.status === 404 ? null : response.text();
}

/** {from, to} in epoch milliseconds as query parameters; none for the whole series. */
const rangeQuery = (range) => (range ? `&from=${Math.floor(range.from)}&to=${Math.ceil(range.to)}` : '');

export const api = {
  network: () => getJson('/api/v1/network?blocks=15'),
  validators: () => getJson('/api/v1/validators'),
  transaction: (id) => getJson(`/api/v1/transactions/${id}`),
  transactionText: (id) => getText(`/api/v1/transactions/${id}`),
  outputsOf: (id) => getJson(`/api/v1/transactions/${id}/outputs`),
  device: (device) => getJson(`/api/v1/devices/${encodeURIComponent(device)}`),
  history: (assetId, limit) => getJson(`/api/v1/assets/${assetId}/history?limit=${limit}`),
  readings: (assetId, range) => getJson(`/api/v1/assets/${assetId}/readings?points=2000${rangeQuery(range)}`),
  exportUrl: (assetId, format, range) => `/api/v1/assets/${assetId}/readings/export?format=${format}${rangeQuery(range)}`,
  unspentOf: (key, cursor) => getJson(`/api/v1/owners/${key}/unspent?limit=100${cursor ? '&cursor=' + cursor : ''}`),
  blocksContaining: (id) => getJson(`/api/v1/blocks?transaction_id=${id}`),
  block: (height) => getJson(`/api/v1/blocks/${height}`),
  searchAssets: (text) => getJson(`/api/v1/assets?search=${encodeURIComponent(text)}`),
};

/**
 * The event stream (one message per committed transaction: height, asset_id, transaction_id),
 * shared by all pages and reopened after a drop. Listeners get each event.
 */
export class EventFeed {
  constructor(onState) {
    this.listeners = new Set();
    this.onState = onState;
    this.open();
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.socket = new WebSocket(`${scheme}://${location.host}/api/v1/streams/valid_transactions`);
    this.socket.onopen = () => this.onState('live');
    this.socket.onmessage = (message) => {
      const event = JSON.parse(message.data);
      this.listeners.forEach((listener) => listener(event));
    };
    this.socket.onclose = () => {
      this.onState('reconnecting');
      setTimeout(() => this.open(), 2000);
    };
  }

  listen(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * The readings of a transaction's metadata as [{t, tz, v}]: the ingestor writes them as the JSON text of columns
 * ({dt: [first, difference, ..], tz: zone or [..], v: [..]}; earlier as JSON columns with t: [..]); one object per
 * reading is read as it is.
 */
export function readingList(metadataReadings) {
  let readings = metadataReadings;
  if (typeof readings === 'string') {
    try {
      readings = JSON.parse(readings);
    } catch {
      return [];
    }
  }
  if (Array.isArray(readings)) return readings;
  if (readings && Array.isArray(readings.dt)) {
    let at = 0;
    readings = { ...readings, t: readings.dt.map((d, i) => (at = i === 0 ? d : at + d)) };
  }
  if (!readings || !Array.isArray(readings.t) || !Array.isArray(readings.v)) return [];
  return readings.t.map((t, i) => ({ t, v: readings.v[i], tz: Array.isArray(readings.tz) ? readings.tz[i] : readings.tz }));
}
