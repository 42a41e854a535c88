#!/usr/bin/env python3
"""Judges transactions exactly as a BigchainDB 2.2.2 server does, in a fresh process.

Reads JSON lines {"tx": <JSON text>, "spent": [<JSON text of earlier transactions>], ...} on
stdin and writes each back with
  "verdict": "valid" | <BigchainDB exception class> | "crash:<Python exception class>"
  "served":  for a valid transaction, 2.2.2's Transaction.to_dict() of it: what its HTTP API
             returns for it (GET /api/v1/transactions/<id>, the listings and blocks)

gevent is imported first, as the server's ABCI layer imports it: its 20.6.2 wheel turns on
flush-to-zero for the process. The generators call this in a separate process so that the
memoization caches of Transaction.from_dict/to_dict hold nothing from building the transactions.
Each transaction is decoded as deliver_tx decodes it (json.loads of the UTF-8 bytes) and judged
by models.Transaction.from_dict and .validate against a ledger holding only the "spent"
transactions (nothing spent yet, nothing committed).
"""
import json
import sys

import gevent  # noqa: F401  (first: flush-to-zero, as in the server)
import bigchaindb  # noqa: F401
from bigchaindb.common.exceptions import ValidationError
from bigchaindb.models import Transaction


class Ledger:
    def __init__(self, spent):
        self.txs = {}
        for raw in spent:
            t = json.loads(raw)
            self.txs[t['id']] = t

    def get_transaction(self, txid):
        t = self.txs.get(txid)
        return Transaction.from_dict(json.loads(json.dumps(t))) if t else None

    def get_spent(self, txid, output, current_transactions=[]):
        return None

    def is_committed(self, txid):
        return False


def judge(rec):
    try:
        tx = Transaction.from_dict(json.loads(rec['tx'].encode('utf8').decode('utf8')))
        tx.validate(Ledger(rec.get('spent', [])))
    except ValidationError as e:
        return type(e).__name__, None
    except Exception as e:  # noqa: BLE001 (an internal error of the server, recorded as such)
        return 'crash:' + type(e).__name__, None
    try:
        return 'valid', tx.to_dict()
    except Exception as e:  # noqa: BLE001 (valid, but the API fails to serve it)
        return 'valid', 'crash:' + type(e).__name__


for line in sys.stdin:
    rec = json.loads(line)
    rec['verdict'], served = judge(rec)
    if served is not None:
        rec['served'] = served
    sys.stdout.write(json.dumps(rec, sort_keys=True) + '\n')
