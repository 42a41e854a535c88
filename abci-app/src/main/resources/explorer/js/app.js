// The explorer's router: the page named by the URL's hash, one at a time, sharing one event stream.
import { EventFeed, api } from './api.js';
import { h } from './dom.js';
import { networkPage, blockPage } from './network.js';
import { devicePage } from './device.js';
import { transactionPage, keyPage } from './transaction.js';
import { resolve, searchPage } from './search.js';

const view = document.getElementById('view');
const streamState = document.getElementById('stream-state');
const feed = new EventFeed((state) => {
  streamState.textContent = state;
  streamState.className = state;
});
let leave = null;

async function route() {
  if (leave) leave();
  leave = null;
  view.replaceChildren();
  document.body.dataset.ready = 'false';
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [page, arg, extra] = parts;
  document.body.dataset.page = page || 'network';
  try {
    switch (page) {
      case '':
      case undefined:
        leave = await networkPage(view, feed);
        break;
      case 'device':
        leave = await devicePage(view, feed, arg, extra);
        break;
      case 'tx':
        await transactionPage(view, arg, extra);
        break;
      case 'block':
        await blockPage(view, arg);
        break;
      case 'block-of': {
        const heights = await api.blocksContaining(arg);
        location.replace(heights.length ? `#/block/${heights[0]}` : `#/tx/${arg}`);
        return;
      }
      case 'key':
        await keyPage(view, arg, extra);
        break;
      case 'search':
        await searchPage(view, arg);
        break;
      default:
        view.append(h('p', {}, `No page ${page}.`));
    }
  } catch (e) {
    view.append(h('p', { class: 'error', id: 'page-error' }, `This page could not be loaded: ${e.message}`));
    console.error(e);
  }
  document.body.dataset.ready = 'true';
}

document.getElementById('search').addEventListener('submit', async (event) => {
  event.preventDefault();
  const q = document.getElementById('q').value.trim();
  if (!q) return;
  location.hash = (await resolve(q)) ?? `#/search/${encodeURIComponent(q)}`;
});
window.addEventListener('hashchange', route);
route();
