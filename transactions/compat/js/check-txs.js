#!/usr/bin/env node
// Checks transactions with the official JavaScript driver's own facilities (bigchaindb-driver
// 4.3.0: Transaction.serializeTransactionIntoCanonicalString for the id and signing message, and
// its crypto-conditions library for fulfillments).
// Input (file given as the only argument): {"cases": [{"name", "tx", "spent_outputs": [...]}]}.
// Prints {"<name>": "valid" | "<error>"} as JSON.
'use strict';
const fs = require('fs');
const path = require('path');
const { Transaction } = require(path.join(__dirname, 'node_modules', 'bigchaindb-driver'));
const cc = require(path.join(__dirname, 'node_modules', 'crypto-conditions'));
const { sha3_256: sha3 } = require(path.join(__dirname, 'node_modules', 'js-sha3'));

const { cases } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const verdicts = {};
for (const { name, tx, spent_outputs: spent } of cases) {
  try {
    const body = JSON.parse(JSON.stringify(tx));
    body.id = null;
    const id = sha3.create().update(Transaction.serializeTransactionIntoCanonicalString(body)).hex();
    if (id !== tx.id) throw new Error(`id ${tx.id} is not the hash of the body (${id})`);
    for (const input of body.inputs) input.fulfillment = null;
    const serialized = Transaction.serializeTransactionIntoCanonicalString(body);
    tx.inputs.forEach((input, i) => {
      const msg = input.fulfills
        ? serialized.concat(input.fulfills.transaction_id).concat(input.fulfills.output_index)
        : serialized;
      const digest = Buffer.from(sha3.create().update(msg).hex(), 'hex');
      const f = cc.Fulfillment.fromUri(input.fulfillment);
      if (tx.operation === 'TRANSFER' && f.getConditionUri() !== spent[i].condition.uri) {
        throw new Error(`input ${i}: fulfillment is for ${f.getConditionUri()}, output is ${spent[i].condition.uri}`);
      }
      if (!f.validate(digest)) throw new Error(`input ${i}: fulfillment does not validate`);
    });
    verdicts[name] = 'valid';
  } catch (e) {
    verdicts[name] = String(e && e.message ? e.message : e);
  }
}
process.stdout.write(JSON.stringify(verdicts));
