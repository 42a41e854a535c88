// Used by network/bin/smoke-network: the official JavaScript driver, unchanged, posts a CREATE to one
// member (mode=commit) and then reads it back from every member given. Exit code 0 only if all have it.
// Usage: node create-and-read.js <api url of the member to post to> <api url>...
const driver = require('bigchaindb-driver');
const [postTo, ...readFrom] = process.argv.slice(2);
const device = new driver.Ed25519Keypair();
const tx = driver.Transaction.signTransaction(driver.Transaction.makeCreateTransaction(
  { device: 'smoke-' + Date.now(), k: 'device_temperature' }, { v: 21.5, u: 'C' },
  [driver.Transaction.makeOutput(driver.Transaction.makeEd25519Condition(device.publicKey))], device.publicKey),
  device.privateKey);

async function readBack(url, id) {
  const conn = new driver.Connection(url);
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const found = await conn.getTransaction(id);
      if (found.id === id) return;
    } catch (e) { /* not there yet */ }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(url + ' does not have ' + id + ' after 20 s');
}

(async () => {
  const posted = await new driver.Connection(postTo).postTransactionCommit(tx);
  for (const url of readFrom) await readBack(url, posted.id);
  console.log('committed ' + posted.id + ' via ' + postTo + ' and read it back from ' + readFrom.length + ' members');
})().catch(e => { console.error('smoke failed: ' + (e.stack || e)); process.exit(1); });
