// Search: a transaction or asset id, a public key, a block height or a device, each to its page;
// anything else is a text search over asset data.
import { api } from './api.js';
import { h, table, txLink, deviceLink } from './dom.js';
import { base58Decode } from './verify.js';

const isKey = (q) => {
  if (!/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(q)) return false;
  return base58Decode(q).length === 32;
};

/** The page a query leads to, or null when only a list of matches can answer it. */
export async function resolve(q) {
  if (/^[0-9a-fA-F]{64}$/.test(q)) {
    const id = q.toLowerCase();
    const tx = await api.transaction(id);
    // An asset id is its CREATE's id: a device's asset opens the device page.
    if (tx?.operation === 'CREATE' && tx.asset?.data?.device !== undefined) {
      return `#/device/${encodeURIComponent(String(tx.asset.data.device))}/${id}`;
    }
    return `#/tx/${id}`;
  }
  if (/^[0-9]+$/.test(q)) return `#/block/${q}`;
  if (isKey(q)) return `#/key/${q}`;
  if (await api.device(q)) return `#/device/${encodeURIComponent(q)}`;
  return null;
}

/** Assets whose data holds the words of {@code q} (BigchainDB's text search), for what no page answers. */
export async function searchPage(view, q) {
  const assets = (await api.searchAssets(q)) ?? [];
  view.append(h('h2', {}, `Search: ${q}`));
  if (assets.length === 0) {
    view.append(h('p', { id: 'no-match' }, 'No transaction, asset, key or device matches.'));
    return;
  }
  view.append(table(['asset', 'data'], assets.slice(0, 100).map((a) => [
    a.data?.device !== undefined ? deviceLink(String(a.data.device), a.id) : txLink(a.id),
    h('span', { class: 'mono' }, JSON.stringify(a.data))])));
}
