#!/usr/bin/env python3
"""Judges election and vote transactions exactly as a BigchainDB 2.2.2 server does, in a fresh
process (see judge_bigchaindb.py for why).

Reads JSON lines {"tx": <JSON text>, "spent": [<JSON text of committed transactions>],
"validators": [[<base58 key>, <power>], ...], "committed": bool, "spent_outputs": [[txid, index]]}
and writes each back with "verdict": "valid" | <BigchainDB exception class> | "crash:<class>".
The ledger holds the "spent" transactions, the validator set (stored as 2.2.2 stores it: base64
keys), the transaction itself when "committed", and "spent_outputs" as already spent.
"""
import base64
import json
import sys

import gevent  # noqa: F401  (first: flush-to-zero, as in the server)
import base58
import bigchaindb  # noqa: F401  (registers the election and vote classes)
from bigchaindb.common.exceptions import ValidationError
from bigchaindb.models import Transaction


class Ledger:
    def __init__(self, rec):
        self.txs = {}
        for raw in rec.get('spent', []):
            t = json.loads(raw)
            self.txs[t['id']] = t
        self.validators = [{'public_key': {'type': 'ed25519-base64',
                                           'value': base64.b64encode(base58.b58decode(pk)).decode()},
                            'voting_power': power} for pk, power in rec['validators']]
        self.committed = json.loads(rec['tx']).get('id') if rec.get('committed') else None
        self.spent_outputs = {(t, i) for t, i in rec.get('spent_outputs', [])}

    def get_transaction(self, txid):
        t = self.txs.get(txid)
        return Transaction.from_dict(json.loads(json.dumps(t))) if t else None

    def get_spent(self, txid, output, current_transactions=[]):
        return {'id': 'spender'} if (txid, output) in self.spent_outputs else None

    def is_committed(self, txid):
        return txid == self.committed

    def get_validators(self, height=None):
        return self.validators


def judge(rec):
    try:
        tx = Transaction.from_dict(json.loads(rec['tx']))
        tx.validate(Ledger(rec))
    except ValidationError as e:
        return type(e).__name__
    except Exception as e:  # noqa: BLE001 (an internal error of the server, recorded as such)
        return 'crash:' + type(e).__name__
    return 'valid'


for line in sys.stdin:
    rec = json.loads(line)
    rec['verdict'] = judge(rec)
    sys.stdout.write(json.dumps(rec, sort_keys=True) + '\n')
