// A transaction's page: its JSON as served, its block, its outputs spent or unspent, its readings,
// and the browser's own check of its id and signatures.
import { api, readingList } from './api.js';
import { h, table, txLink, blockLink, keyLink, deviceLink, readingSeconds, formatTime } from './dom.js';
import { verifyTransaction, verifySpentOutput } from './verify.js';

/**
 * The heights of the blocks holding the transaction: the linked block when the link gave one and
 * it holds the transaction (a lookup by height), else the API's search by transaction id.
 */
async function blocksOf(id, heightHint) {
  if (heightHint !== undefined && /^[0-9]+$/.test(heightHint)) {
    const block = await api.block(heightHint);
    if (block?.transactions.some((t) => t.id === id)) return [Number(heightHint)];
  }
  return api.blocksContaining(id);
}

export async function transactionPage(view, id, heightHint) {
  const text = await api.transactionText(id);
  view.append(h('h2', {}, 'Transaction ', h('span', { class: 'mono', id: 'tx-id' }, id)));
  if (text === null) {
    view.append(h('p', {}, 'No committed transaction has this id.'));
    return;
  }
  const tx = JSON.parse(text);
  const verification = h('section', { id: 'verification', class: 'pending' }, h('h3', {}, 'Checked in this browser'),
    h('p', { id: 'verify-outcome' }, 'checking…'));
  const [heights, outputs, asset] = await Promise.all([
    blocksOf(id, heightHint),
    api.outputsOf(id),
    tx.operation === 'CREATE' ? Promise.resolve(tx) : api.transaction(tx.asset.id),
  ]);
  const data = asset?.asset?.data;
  view.append(
    h('dl', { class: 'facts' },
      h('dt', {}, 'operation'), h('dd', { id: 'tx-operation' }, tx.operation),
      h('dt', {}, 'block'), h('dd', { id: 'tx-block' }, heights.length ? blockLink(heights[0]) : 'not in a block'),
      h('dt', {}, 'asset'), h('dd', {}, txLink(tx.operation === 'CREATE' ? tx.id : tx.asset.id),
        data?.device !== undefined ? [' of device ', deviceLink(String(data.device), asset.id)] : [])),
    verification,
    h('section', {}, h('h3', {}, 'Inputs'), table(['owner', 'spends'], tx.inputs.map((input) => [
      input.owners_before.map(keyLink),
      input.fulfills ? [txLink(input.fulfills.transaction_id), ` output ${input.fulfills.output_index}`] : '(new asset)',
    ]))),
    h('section', {}, h('h3', {}, 'Outputs'), table(['index', 'amount', 'owners', 'state'], outputs.map((o) => [
      String(o.output_index), o.amount, o.public_keys.map(keyLink),
      h('span', { class: o.spent ? 'spent' : 'unspent' }, o.spent ? 'spent' : 'unspent'),
    ]), { id: 'outputs-table' })),
  );
  const readings = readingList(tx.metadata?.readings);
  if (readings.length > 0) {
    view.append(h('section', {}, h('h3', {}, `Readings (${readings.length})`),
      table(['time (UTC)', 'value', 'zone'], readings.map((r) => {
        const s = readingSeconds(r.t);
        return [s === null ? String(r.t) : formatTime(s), `${r.v} ${data?.unit ?? ''}`, r.tz ?? ''];
      }))));
  }
  view.append(h('section', {}, h('h3', {}, 'JSON as served'), h('pre', { id: 'tx-json' }, JSON.stringify(tx, null, 2))));
  const result = await verifyTransaction(text);
  // Each TRANSFER input's owner must own the output it spends: that transaction is checked too.
  for (const input of result.inputs) {
    const fulfills = tx.inputs[input.index].fulfills;
    if (!fulfills || !input.owner) continue;
    const parentText = await api.transactionText(fulfills.transaction_id);
    input.spent = verifySpentOutput(parentText, fulfills.transaction_id, fulfills.output_index, input.owner);
    if (!input.spent.ok) result.ok = false;
  }
  showVerification(verification, result, id);
}

function showVerification(box, result, requestedId) {
  const outcome = box.querySelector('#verify-outcome');
  const lines = [];
  if (result.error) {
    lines.push(h('li', { class: 'fail' }, result.error));
  } else {
    const idOk = result.id.ok && result.id.claimed === requestedId;
    lines.push(h('li', { class: idOk ? 'ok' : 'fail' }, idOk
      ? 'id: SHA3-256 of the transaction recomputed here matches its id'
      : `id: recomputed ${result.id.computed}, but the transaction claims ${result.id.claimed}`));
    for (const input of result.inputs) {
      lines.push(h('li', { class: input.ok ? 'ok' : 'fail' }, `input ${input.index} (owner `,
        input.owner ? keyLink(input.owner) : '?', `): ${input.detail}`));
      if (input.spent) {
        lines.push(h('li', { class: input.spent.ok ? 'ok' : 'fail' }, `input ${input.index}'s owner ${input.spent.detail}`));
      }
    }
  }
  const passed = !result.error && result.ok && result.id.claimed === requestedId;
  box.className = passed ? 'passed' : 'failed';
  box.dataset.outcome = passed ? 'passed' : 'failed';
  outcome.textContent = passed
    ? 'Verified: the id and every signature check out against the owners\' public keys.'
    : 'NOT verified: this JSON is not what its owners signed.';
  box.append(h('ul', { class: 'checks' }, lines));
}

export async function keyPage(view, key, cursor) {
  const page = await api.unspentOf(key, cursor);
  view.append(
    h('h2', {}, 'Public key ', h('span', { class: 'mono', id: 'key' }, key)),
    h('p', {}, cursor ? 'Its unspent outputs, continued:' : 'Its unspent outputs, newest first:'),
    table(['transaction', 'output', 'amount', 'asset'], page.outputs.map((o) => [
      txLink(o.transaction_id), String(o.output_index), o.amount, txLink(o.asset_id)]), { id: 'key-outputs' }),
    page.next_cursor ? h('p', {}, h('a', { href: `#/key/${key}/${page.next_cursor}` }, 'more')) : '',
  );
}
