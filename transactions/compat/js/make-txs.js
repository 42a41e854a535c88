#!/usr/bin/env node
// Makes CREATE and TRANSFER transactions with the official JavaScript driver
// (bigchaindb-driver 4.3.0) and prints them as a JSON array of cases:
//   { "name", "tx": <signed tx>, "spent": [<txs whose outputs it spends>],
//     "expect": "valid" | "reject", "why": <reason when reject> }
// "reject" marks content the JS driver serializes differently from BigchainDB 2.2.2
// (JSON.stringify vs python-rapidjson), so BigchainDB itself rejects those transactions.
// Deterministic keys (fixed seeds) so runs are comparable. With `--nonce N` every CREATE carries
// N in its asset data (or its metadata when the asset is null), so a corpus can hold many
// distinct copies of the cases (transactions/compat/py/make_corpus.py).
'use strict';
const path = require('path');
const driver = require(path.join(__dirname, 'node_modules', 'bigchaindb-driver'));
const cc = require(path.join(__dirname, 'node_modules', 'crypto-conditions'));
const { sha3_256: sha3 } = require(path.join(__dirname, 'node_modules', 'js-sha3'));
const { Transaction, Ed25519Keypair } = driver;

const seed = (b) => Buffer.alloc(32, b);
const alice = new Ed25519Keypair(seed(21));
const bob = new Ed25519Keypair(seed(22));
const carol = new Ed25519Keypair(seed(23));
const bs58 = require(path.join(__dirname, 'node_modules', 'bs58'));

const cases = [];
const add = (name, tx, spent = [], expect = 'valid', why = undefined) =>
  cases.push({ name, tx, spent, expect, why });

const ed = (kp) => Transaction.makeEd25519Condition(kp.publicKey);
const edRaw = (kp) => Transaction.makeEd25519Condition(kp.publicKey, false);

const nonceAt = process.argv.indexOf('--nonce');
const nonce = nonceAt > 0 ? process.argv[nonceAt + 1] : undefined;

function create(asset, metadata, outputs, issuer) {
  const a = nonce === undefined || asset === null ? asset : { ...asset, nonce };
  const m = nonce === undefined || asset !== null ? metadata : { ...metadata, nonce };
  return Transaction.signTransaction(
    Transaction.makeCreateTransaction(a, m, outputs, issuer.publicKey), issuer.privateKey);
}

// Signs inputs whose spent outputs are threshold conditions: fulfil with the given key pairs
// (first ones that fit, up to the threshold), carry the rest as subconditions.
function signWithThresholds(tx, spentOutputs, keyPairs) {
  return Transaction.delegateSignTransaction(tx, (serialized, input, index) => {
    const msg = input.fulfills
      ? serialized.concat(input.fulfills.transaction_id).concat(input.fulfills.output_index)
      : serialized;
    const digest = Buffer.from(sha3.create().update(msg).hex(), 'hex');
    const fulfil = (details) => {
      if (details.type === 'ed25519-sha-256') {
        const kp = keyPairs.find((k) => k.publicKey === details.public_key);
        if (!kp) return null;
        const f = new cc.Ed25519Sha256();
        f.sign(digest, Buffer.from(bs58.decode(kp.privateKey)));
        return f;
      }
      const t = new cc.ThresholdSha256();
      t.setThreshold(details.threshold);
      let n = 0;
      for (const sub of details.subconditions) {
        const sf = n < details.threshold ? fulfil(sub) : null;
        if (sf) { t.addSubfulfillment(sf); n += 1; } else { t.addSubcondition(driver.ccJsonLoad(sub).getCondition()); }
      }
      return n >= details.threshold ? t : null;
    };
    const f = fulfil(spentOutputs[index].condition.details);
    if (!f) throw new Error('keys cannot fulfil input ' + index);
    return f.serializeUri();
  });
}

// ---- CREATEs -----------------------------------------------------------------------------------
const c1 = create({ serial: 'JS-1', language: 'en' }, { temp: 21.5 },
  [Transaction.makeOutput(ed(alice))], alice);
add('create_simple', c1);

const c2 = create({ kind: 'divisible' }, null,
  [Transaction.makeOutput(ed(alice), '70'), Transaction.makeOutput(ed(bob), '30')], alice);
add('create_divisible', c2);

const twoOfTwo = Transaction.makeThresholdCondition(2, [edRaw(alice), edRaw(bob)]);
const oneOfTwo = Transaction.makeThresholdCondition(1, [edRaw(alice), edRaw(carol)]);
const nested = Transaction.makeThresholdCondition(2, [edRaw(alice),
  Transaction.makeThresholdCondition(1, [edRaw(bob), edRaw(carol)], false)]);
const c3 = create(null, { owners: 'shared' },
  [Transaction.makeOutput(twoOfTwo, '5'), Transaction.makeOutput(oneOfTwo, '3'),
    Transaction.makeOutput(nested, '2')], alice);
add('create_threshold_outputs_null_asset', c3);

const deep = {};
let cur = deep;
for (let i = 0; i < 60; i += 1) { cur.n = {}; cur = cur.n; }
cur.leaf = '\u{1F343}';
const hostileValues = {
  emoji: '\u{1F600}\u{1F4A9}\u{1F1E9}\u{1F1EA}\u2764\uFE0F',
  rtl: '\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 \u202Eabc\u202C',
  zero_width: 'a\u200Bb\u200Cc\u200Dd\uFEFFe\u2060',
  line_seps: 'x\u2028y\u2029z',
  short_escapes: 'tab\there\nnewline\r\b\f"quoted"\\back/slash',
  long: 'L'.repeat(20000),
  big_int: 123456789012345680000,
  fractions: [0.1, 1.5, 2.5e-10, 1e21, 1.7976931348623157e308, 123456.789, -0.5],
  ints: [0, -1, 9007199254740991, 1e16],
  deep,
  mixed: [[], {}, [[{ a: [true, false, null] }]]],
};
add('create_hostile_values', create(hostileValues, hostileValues,
  [Transaction.makeOutput(ed(alice), '1000')], alice));

const hostileKeys = {
  '\u{1F511}': 1, '\u05D0\u05D1': 2, '\u0627\u0644': 3, 'zw\u200Bkey': 4, '': 5, ' ': 6,
  'a$': 7, '\u00E9': 8, 'E': 9, 'e\u0301': 10, '\u4E2D\u6587': 11, 'B': 12, 'a': 13,
};
add('create_hostile_keys', create({ k: hostileKeys }, hostileKeys,
  [Transaction.makeOutput(ed(alice))], alice));

add('create_max_amount', create({ max: true }, null,
  [Transaction.makeOutput(ed(alice), '9000000000000000000')], alice));

// ---- content JavaScript serializes differently from BigchainDB (BigchainDB rejects these) --------
add('create_control_chars', create({ c: 'bell\u0007 unit\u001F' }, null,
  [Transaction.makeOutput(ed(alice))], alice), [], 'reject',
  'JSON.stringify writes \\u001f, python-rapidjson \\u001F');
add('create_small_float', create({ f: 1e-7 }, null, [Transaction.makeOutput(ed(alice))], alice), [],
  'reject', 'JavaScript writes 1e-7, Python repr 1e-07');
add('create_small_float_fixed', create({ f: 0.00001 }, null, [Transaction.makeOutput(ed(alice))], alice), [],
  'reject', 'JavaScript writes 0.00001, Python repr 1e-05');
add('create_astral_key_order', create({ '\uFFFF': 1, '\u{1F600}': 2 }, null,
  [Transaction.makeOutput(ed(alice))], alice), [], 'reject',
  'JavaScript sorts keys by UTF-16 unit, Python by code point');

// ---- TRANSFERs ---------------------------------------------------------------------------------
const t1 = Transaction.signTransaction(Transaction.makeTransferTransaction(
  [{ tx: c1, output_index: 0 }], [Transaction.makeOutput(ed(bob))], { note: 'to bob \u{1F69A}' }), alice.privateKey);
add('transfer_simple', t1, [c1]);

const t2 = Transaction.signTransaction(Transaction.makeTransferTransaction(
  [{ tx: c2, output_index: 0 }, { tx: c2, output_index: 1 }],
  [Transaction.makeOutput(ed(carol), '60'), Transaction.makeOutput(ed(alice), '40')], null),
alice.privateKey, bob.privateKey);
add('transfer_two_inputs_divisible', t2, [c2]);

const t3u = Transaction.makeTransferTransaction([{ tx: c3, output_index: 0 }],
  [Transaction.makeOutput(ed(carol), '5')], { spend: '2-of-2' });
add('transfer_two_of_two', signWithThresholds(t3u, [c3.outputs[0]], [alice, bob]), [c3]);

const t4u = Transaction.makeTransferTransaction([{ tx: c3, output_index: 1 }],
  [Transaction.makeOutput(ed(bob), '3')], { spend: '1-of-2 by carol' });
add('transfer_one_of_two', signWithThresholds(t4u, [c3.outputs[1]], [carol]), [c3]);

const t5u = Transaction.makeTransferTransaction([{ tx: c3, output_index: 2 }],
  [Transaction.makeOutput(ed(bob), '2')], null);
add('transfer_nested_threshold', signWithThresholds(t5u, [c3.outputs[2]], [alice, carol]), [c3]);

const t6 = Transaction.signTransaction(Transaction.makeTransferTransaction(
  [{ tx: t1, output_index: 0 }], [Transaction.makeOutput(ed(alice))], null), bob.privateKey);
add('transfer_of_transfer', t6, [t1]);

process.stdout.write(JSON.stringify({
  driver: 'bigchaindb-driver@' + require(path.join(__dirname, 'node_modules', 'bigchaindb-driver', 'package.json')).version,
  keys: { alice: alice.publicKey, bob: bob.publicKey, carol: carol.publicKey },
  cases,
}));
