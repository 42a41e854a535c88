#!/usr/bin/env python3
"""Checks transactions with the official Python driver's own facilities (bigchaindb-driver 0.6.2:
Transaction.validate_id, Transaction.from_dict, Transaction.inputs_valid).

Input (file given as the only argument): {"cases": [{"name", "tx", "spent_outputs": [...]}]}
where spent_outputs holds, for a TRANSFER, the output objects its inputs spend (in input order).
Prints {"<name>": "valid" | "<error>"} as JSON.
"""
import json
import sys

from bigchaindb_driver.common.transaction import Output, Transaction

with open(sys.argv[1], encoding='utf-8') as f:
    cases = json.load(f)['cases']
verdicts = {}
for case in cases:
    tx = case['tx']
    try:
        Transaction.validate_id(tx)
        t = Transaction.from_dict(tx)
        if t.operation == 'TRANSFER':
            ok = t.inputs_valid([Output.from_dict(o) for o in case['spent_outputs']])
        else:
            ok = t.inputs_valid()
        verdicts[case['name']] = 'valid' if ok else 'invalid signature'
    except Exception as e:  # noqa: BLE001 - report every failure as a verdict
        verdicts[case['name']] = '%s: %s' % (type(e).__name__, e)
json.dump(verdicts, sys.stdout)
