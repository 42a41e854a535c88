// End-to-end run of the official JavaScript driver (bigchaindb-driver 4.3.0), unchanged, against a
// running node. Usage: node js_driver_e2e.js http://127.0.0.1:9984/api/v1/
// Prints one line per step; exits non-zero with the failing step on the first failure.
'use strict'
const driver = require('bigchaindb-driver')
const cc = require('crypto-conditions')
const bs58 = require('bs58')
const { sha3_256 } = require('js-sha3')

const api = process.argv[2]
const conn = new driver.Connection(api)
const T = driver.Transaction

function check(cond, what) {
  if (!cond) { console.error('FAILED: ' + what); process.exit(1) }
  console.log('ok: ' + what)
}

async function expectRefused(promise, what) {
  try { await promise } catch (e) { check(true, what); return e }
  check(false, what + ' (it was accepted)')
}

function sleep(ms) { return new Promise(r => setTimeout(r, ms)) }

async function main() {
  const alice = new driver.Ed25519Keypair()
  const bob = new driver.Ed25519Keypair()
  const carol = new driver.Ed25519Keypair()
  const tag = 'jsdriver' + Date.now()

  // CREATE a divisible asset of 10 tokens for alice.
  const create = T.signTransaction(T.makeCreateTransaction(
    { kind: tag, sensor: 'device_temperature', note: 'Grüße 🌡 مرحبا' }, { reading: 21.5, unit: 'C', tag },
    [T.makeOutput(T.makeEd25519Condition(alice.publicKey), '10')], alice.publicKey), alice.privateKey)
  const created = await conn.postTransactionCommit(create)
  check(created.id === create.id, 'CREATE committed')
  check((await conn.getTransaction(create.id)).id === create.id, 'CREATE fetched back')

  // Split: 3 to bob, 7 back to alice.
  const split = T.signTransaction(T.makeTransferTransaction([{ tx: create, output_index: 0 }],
    [T.makeOutput(T.makeEd25519Condition(bob.publicKey), '3'), T.makeOutput(T.makeEd25519Condition(alice.publicKey), '7')],
    { step: 'split' }), alice.privateKey)
  await conn.postTransactionCommit(split)
  check(true, 'divisible asset split 3/7')

  // Bob sends his 3 to alice; alice merges 7 + 3 into one output owned jointly by bob and carol.
  const back = T.signTransaction(T.makeTransferTransaction([{ tx: split, output_index: 0 }],
    [T.makeOutput(T.makeEd25519Condition(alice.publicKey), '3')], { step: 'back' }), bob.privateKey)
  await conn.postTransactionCommit(back)
  const joint = T.makeThresholdCondition(2, [T.makeEd25519Condition(bob.publicKey, false), T.makeEd25519Condition(carol.publicKey, false)])
  const merge = T.signTransaction(T.makeTransferTransaction(
    [{ tx: split, output_index: 1 }, { tx: back, output_index: 0 }],
    [T.makeOutput(joint, '10')], { step: 'merge' }), alice.privateKey, alice.privateKey)
  await conn.postTransactionCommit(merge)
  check(merge.outputs[0].public_keys.length === 2, 'merged 7+3 into one output with two owners')

  // Spend the two-owner output: both bob and carol sign (threshold 2 of 2).
  const spendJoint = T.makeTransferTransaction([{ tx: merge, output_index: 0 }],
    [T.makeOutput(T.makeEd25519Condition(carol.publicKey), '10')], { step: 'joint spend' })
  const signedJoint = T.delegateSignTransaction(spendJoint, (serialized, input) => {
    const message = Buffer.from(sha3_256.create().update(serialized).update(input.fulfills.transaction_id)
      .update(String(input.fulfills.output_index)).hex(), 'hex')
    const threshold = new cc.ThresholdSha256()
    threshold.setThreshold(2)
    for (const kp of [bob, carol]) {
      const f = new cc.Ed25519Sha256()
      f.sign(message, bs58.decode(kp.privateKey))
      threshold.addSubfulfillment(f)
    }
    return threshold.serializeUri()
  })
  await conn.postTransactionCommit(signedJoint)
  check(true, 'two-owner output spent with both signatures')

  // Double spend: alice's original output was spent by the split.
  const double = T.signTransaction(T.makeTransferTransaction([{ tx: create, output_index: 0 }],
    [T.makeOutput(T.makeEd25519Condition(carol.publicKey), '10')], { step: 'double' }), alice.privateKey)
  const err = await expectRefused(conn.postTransactionCommit(double), 'double spend refused')
  check(String(err.message || err.status || '').length > 0 || err.status === 400, 'double spend refusal carries a reason')

  // Outputs: alice has spent everything; carol holds the 10.
  const aliceUnspent = await conn.listOutputs(alice.publicKey, false)
  check(aliceUnspent.length === 0, 'alice has no unspent outputs')
  const aliceSpent = await conn.listOutputs(alice.publicKey, true)
  check(aliceSpent.length === 3, 'alice has three spent outputs')
  const carolUnspent = await conn.listOutputs(carol.publicKey, false)
  check(carolUnspent.length === 1 && carolUnspent[0].transaction_id === signedJoint.id, 'carol holds the 10 tokens')

  // History, search, blocks.
  const history = await conn.listTransactions(create.id)
  check(history.length === 5, 'the asset has five transactions')
  const assets = await conn.searchAssets(tag)
  check(assets.length === 1 && assets[0].id === create.id, 'asset found by text search')
  const metas = await conn.searchMetadata(tag)
  check(metas.length === 1 && metas[0].id === create.id, 'metadata found by text search')
  const heights = await conn.listBlocks(create.id)
  check(heights.length === 1, 'the block holding the CREATE is listed')
  const block = await conn.getBlock(heights[0])
  check(block.transactions.some(t => t.id === create.id), 'that block holds the CREATE')
  console.log(JSON.stringify({ done: true, asset: create.id }))
}

main().catch(e => { console.error('FAILED: ' + (e && e.stack || e)); process.exit(1) })
