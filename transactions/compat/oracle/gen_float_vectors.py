#!/usr/bin/env python3
"""Dev-time generator of verdict vectors for unusual float spellings, from BigchainDB 2.2.2 itself.

A BigchainDB 2.2.2 server imports gevent 20.6.2, whose wheel turns on flush-to-zero /
denormals-are-zero for the whole process, so its json.loads reads a subnormal number as a zero
and the id it computes differs from the one a client computed. For each spelling (subnormals,
signed zeros, the bounds of the normal range, big exponents, many digits, integers written as
floats, NaN/Infinity tokens) this writes CREATE transactions holding the number, spelled exactly
so in the raw JSON, in metadata and in asset data, in two variants:

  tool    id and signature made by BigchainDB's Python code in a process WITHOUT gevent (what a
          client using BigchainDB's Python tools computes)
  server  id and signature made by the same code AFTER gevent is imported (what the server
          computes from the value it reads)

and records what the server decides (judge_bigchaindb.py, in a fresh process: json.loads of the
bytes as check_tx/deliver_tx do, models.Transaction.from_dict (id, schema) and .validate). One
JSON object per line:

  {"name": ..., "spelling": ..., "tx": <JSON text>, "verdict": "valid" | <exception class> |
   "crash:<Python exception class>"}

Environment (not committed), as a 2.2.2 node installs itself:
  ~/.pyenv/versions/3.6.15/bin/python -m venv /tmp/py36
  /tmp/py36/bin/pip install --upgrade 'pip<22'
  /tmp/py36/bin/pip install greenlet==0.4.16 bigchaindb==2.2.2
  /tmp/py36/bin/python gen_float_vectors.py ../../src/test/resources/vectors/bigchaindb-floats.jsonl
"""
import json
import os
import random
import subprocess
import sys

import bigchaindb  # noqa: F401  (loads config; does not import gevent)
from bigchaindb.models import Transaction
import base58
import nacl.signing

PLACEHOLDER = '__number__'

SPELLINGS = [
    '5e-324', '-5e-324', '4.9406564584124654e-324', '2.4703282292062328e-324', '2.4703282292062327e-324',
    '1e-320', '1e-310', '-1e-310', '5e-310', '1.5e-308', '2.225073858507201e-308', '2.2250738585072009e-308',
    '2.2250738585072011e-308', '2.2250738585072012e-308', '2.2250738585072014e-308', '-2.2250738585072014e-308',
    '2.2250738585072014E-308', '22250738585072014e-324', '4.450147717014403e-308', '1e-307', '3e-308',
    '-0.0', '0.0', '-0', '0', '0e0', '-0e0', '0E-400', '1e-400', '-1e-400', '0.000e5',
    '1e308', '1.7976931348623157e308', '-1.7976931348623157e308', '1.7976931348623158e308', '1e309', '-1e400',
    'NaN', 'Infinity', '-Infinity',
    '1e-7', '1e-5', '0.0001', '1e-4', '1e21', '1e+21', '1E21', '1e16', '1e15', '1e22', '1e23',
    '0.1', '0.30000000000000004', '123456789012345678901234567890.5', '1.00000000000000000000000000001',
    '9007199254740993.0', '1.0', '100.0', '1e0', '1E+0', '7.0e0', '-7.50', '12345678901234567890',
    '18446744073709551616', '-9223372036854775809',
]
random.seed(10)
for _ in range(40):
    digits = str(random.randint(1, 10 ** random.randint(1, 17) - 1))
    mant = digits[0] + ('.' + digits[1:] if len(digits) > 1 else '')
    SPELLINGS.append(('-' if random.random() < 0.3 else '') + mant + 'e' + str(random.randint(-330, -300)))

KEY = nacl.signing.SigningKey(bytes([1]) * 32)
PRIVATE = base58.b58encode(bytes(KEY)).decode()
PUBLIC = base58.b58encode(bytes(KEY.verify_key)).decode()


def make(spelling, place):
    """A signed CREATE holding json.loads(spelling) at `place`, as BigchainDB's own code builds it
    in this process; then the raw JSON with the number spelled as given."""
    value = json.loads(spelling)
    holder = {'n': value, 'tag': place}
    asset = {'data': holder} if place == 'asset' else None
    metadata = holder if place == 'metadata' else {'tag': place}
    tx = Transaction.create([PUBLIC], [([PUBLIC], 1)], asset=asset and asset['data'], metadata=metadata)
    d = tx.sign([PRIVATE]).to_dict()
    target = d['asset']['data'] if place == 'asset' else d['metadata']
    target['n'] = PLACEHOLDER
    raw = json.dumps(d)
    assert raw.count('"%s"' % PLACEHOLDER) == 1
    return raw.replace('"%s"' % PLACEHOLDER, spelling)


def build(variant):
    out = []
    for i, s in enumerate(SPELLINGS):
        for place in ('metadata', 'asset'):
            try:
                raw = make(s, place)
            except Exception as e:  # noqa: BLE001 (BigchainDB's own code cannot build it)
                print('cannot build', variant, place, s, type(e).__name__, file=sys.stderr)
                continue
            out.append({'name': '%s_%s_%d' % (variant, place, i), 'spelling': s, 'tx': raw})
    return out


records = build('tool')          # before gevent: a client's view
import gevent  # noqa: E402,F401  (as the server's ABCI layer does; sets flush-to-zero)
records += build('server')       # after gevent: the server's own view of the values
# judged by a fresh server-like process (gevent imported first, empty memoization caches)
judge = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'judge_bigchaindb.py')
judged = subprocess.run([sys.executable, judge], input=''.join(json.dumps(r) + '\n' for r in records),
                        stdout=subprocess.PIPE, universal_newlines=True, check=True, timeout=600).stdout
records = [json.loads(line) for line in judged.splitlines()]

with open(sys.argv[1], 'w', encoding='utf-8') as f:
    for r in records:
        f.write(json.dumps(r, sort_keys=True) + '\n')
counts = {}
for r in records:
    counts[r['verdict']] = counts.get(r['verdict'], 0) + 1
print(len(records), 'records', counts)
