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

export const api = {
  network: () => getJson('/api/v1/network?blocks=15'),
  validators: () => getJson('/api/v1/validators'),
  transaction: (id) => getJson(`/api/v1/transactions/${id}`),
  transactionText: (id) => getText(`/api/v1/transactions/${id}`),
  outputsOf: (id) => getJson(`/api/v1/transactions/${id}/outputs`),
  assetHistory: (assetId) => getJson(`/api/v1/transactions?asset_id=${assetId}`),
  blocksContaining: (id) => getJson(`/api/v1/blocks?transaction_id=${id}`),
  block: (height) => getJson(`/api/v1/blocks/${height}`),
  searchAssets: (text) => getJson(`/api/v1/assets?search=${encodeURIComponent(text)}`),
  outputsOwnedBy: (key, spent) => getJson(`/api/v1/outputs?public_key=${key}&spent=${spent}`),
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
