// The network page: height, validators and latest blocks, kept current by the event stream.
import { api } from './api.js';
import { h, table, blockLink, txLink } from './dom.js';

export async function networkPage(view, feed) {
  const height = h('span', { id: 'height' }, '…');
  const blocks = h('div', { id: 'latest-blocks' });
  const validators = h('div', { id: 'validators' });
  const live = h('ul', { id: 'live-transactions', class: 'feed' });
  view.append(
    h('h2', {}, 'Network'),
    h('p', { class: 'big' }, 'Height ', height),
    h('div', { class: 'columns' },
      h('section', {}, h('h3', {}, 'Latest blocks'), blocks),
      h('section', {}, h('h3', {}, 'Latest transactions'), live, h('p', { class: 'hint' }, 'new ones from the event stream'))),
    h('section', {}, h('h3', {}, 'Validators'), validators),
  );

  const refresh = async () => {
    const summary = await api.network();
    height.textContent = String(summary.height);
    blocks.replaceChildren(table(['height', 'transactions'],
      summary.blocks.map((b) => [blockLink(b.height), String(b.transactions)]), { id: 'blocks-table' }));
  };
  const vs = await api.validators();
  validators.append(table(['public key (ed25519, base64)', 'voting power'],
    vs.map((v) => [h('span', { class: 'mono' }, v.public_key.value), String(v.voting_power)])));
  await refresh();
  // Until the stream brings new ones, the transactions of the latest block that has any.
  const latest = (await api.network()).blocks.find((b) => b.transactions > 0);
  if (latest) {
    const block = await api.block(latest.height);
    for (const tx of (block?.transactions ?? []).slice(0, 12)) {
      live.append(h('li', {}, 'block ', blockLink(latest.height), ' ', txLink(tx.id, latest.height)));
    }
  }

  // A block's events arrive together; one refresh after them shows its count.
  let pending = null;
  const stop = feed.listen((event) => {
    live.prepend(h('li', {}, 'block ', blockLink(event.height), ' ', txLink(event.transaction_id, event.height)));
    while (live.children.length > 12) live.lastChild.remove();
    if (Number(height.textContent) < event.height) height.textContent = String(event.height);
    clearTimeout(pending);
    pending = setTimeout(() => refresh().catch(console.warn), 300);
  });
  // Empty blocks send no event: poll for the height as well.
  const timer = setInterval(() => refresh().catch(console.warn), 5000);
  return () => {
    stop();
    clearTimeout(pending);
    clearInterval(timer);
  };
}

export async function blockPage(view, height) {
  const block = await api.block(height);
  if (!block) {
    view.append(h('h2', {}, `Block ${height}`), h('p', {}, 'No such block yet.'));
    return;
  }
  view.append(
    h('h2', {}, `Block ${height}`),
    h('p', {}, `${block.transactions.length} transactions`),
    table(['transaction', 'operation', 'asset'], block.transactions.map((tx) => [
      txLink(tx.id, height), tx.operation, tx.operation === 'CREATE' ? txLink(tx.id, height) : txLink(tx.asset.id)])),
  );
}
