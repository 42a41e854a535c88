#!/usr/bin/env python3
"""Makes CREATE and TRANSFER transactions with the official Python driver (bigchaindb-driver
0.6.2, offchain prepare/fulfill) and prints them as JSON:

  {"driver": ..., "cases": [{"name", "tx", "spent": [...], "expect": "valid"|"reject", "why"?}]}

The Python driver serializes exactly as BigchainDB 2.2.2 does (python-rapidjson), so every case
is expected to be valid, hostile content included, except a subnormal float: a 2.2.2 server
reads it as 0.0 (gevent's flush-to-zero) and refuses the id ("reject", with "why"). Deterministic
keys (fixed seeds).
"""
import json
import sys
from importlib.metadata import version

import base58
import nacl.signing
from bigchaindb_driver.offchain import fulfill_transaction, prepare_transaction


class Keys:
    def __init__(self, b):
        sk = nacl.signing.SigningKey(bytes([b]) * 32)
        self.private_key = base58.b58encode(bytes(sk)).decode()
        self.public_key = base58.b58encode(bytes(sk.verify_key)).decode()


alice, bob, carol = Keys(31), Keys(32), Keys(33)


def create(asset, metadata, recipients, signers=(alice,)):
    tx = prepare_transaction(operation='CREATE', signers=[s.public_key for s in signers],
                             recipients=recipients, asset={'data': asset} if asset is not None else None,
                             metadata=metadata)
    return fulfill_transaction(tx, private_keys=[s.private_key for s in signers])


def transfer(spent_tx, indexes, recipients, keys, metadata=None):
    inputs = []
    for i in indexes:
        out = spent_tx['outputs'][i]
        inputs.append({'fulfillment': out['condition']['details'],
                       'fulfills': {'output_index': i, 'transaction_id': spent_tx['id']},
                       'owners_before': out['public_keys']})
    asset_id = spent_tx['id'] if spent_tx['operation'] == 'CREATE' else spent_tx['asset']['id']
    tx = prepare_transaction(operation='TRANSFER', inputs=inputs, recipients=recipients,
                             asset={'id': asset_id}, metadata=metadata)
    return fulfill_transaction(tx, private_keys=[k.private_key for k in keys])


deep = {'leaf': '\U0001F343'}
for i in range(60):
    deep = {'n': deep}

HOSTILE = {
    'emoji': '\U0001F600\U0001F4A9\U0001F1E9\U0001F1EA\u2764\ufe0f',
    'rtl': '\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202eabc\u202c',
    'zero_width': 'a\u200bb\u200cc\u200dd\ufeffe\u2060',
    'controls': 'bell\x07 unit\x1f del\x7f nul-free \x01\x0b\x0e',
    'short_escapes': 'tab\there\nnewline\r\b\f"quoted"\\back/slash',
    'line_seps': 'x\u2028y\u2029z',
    'long': 'L' * 20000,
    'big_ints': [2 ** 64, -(2 ** 70), 10 ** 30, 9007199254740993],
    # the smallest normal double: a 2.2.2 server reads subnormals (5e-324) as 0.0
    'floats': [0.1, 1e-7, 0.00001, 1e21, 1e16, -0.0, 1.0, 2.5e-10, 2.2250738585072014e-308, 1.7976931348623157e308,
               123456.789],
    'deep': deep,
    'mixed': [[], {}, [[{'a': [True, False, None]}]]],
}
HOSTILE_KEYS = {
    '\U0001F511': 1, '\uffff': 2, '\ue000': 3, '\U0001F600': 4, '\u05d0\u05d1': 5, '\u0627\u0644': 6,
    'zw\u200bkey': 7, '': 8, ' ': 9, 'a$': 10, '\u00e9': 11, 'e\u0301': 12, 'B': 13, 'a': 14,
    'ctl\x01': 15, 'language': 'en',
}


def driver_cases(nonce=None):
    """The cases as a list. A nonce (for corpora that need many distinct copies) goes into each
    CREATE's asset data, or its metadata when the asset is null, so every id differs."""
    cases = []

    def add(name, tx, spent=(), why=None):
        case = {'name': name, 'tx': tx, 'spent': list(spent), 'expect': 'valid' if why is None else 'reject'}
        if why is not None:
            case['why'] = why
        cases.append(case)

    def tag(data):
        return data if nonce is None else dict(data or {}, nonce=nonce)

    c1 = create(tag({'serial': 'PY-1'}), {'temp': 21.5}, [([alice.public_key], 1)])
    add('create_simple', c1)
    add('create_subnormal_float', create(tag({'serial': 'PY-SUB'}), {'tiny': 5e-324}, [([alice.public_key], 1)]),
        why='a BigchainDB 2.2.2 server reads 5e-324 as 0.0 (gevent sets flush-to-zero), so the id the driver '
            'computed over 5e-324 is not the hash of what the server reads')
    c2 = create(tag({'kind': 'divisible'}), None, [([alice.public_key], 70), ([bob.public_key], 30)])
    add('create_divisible', c2)
    c3 = create(None, tag({'owners': 'shared'}), [([alice.public_key, bob.public_key], 5)])
    add('create_two_of_two_output_null_asset', c3)
    c4 = create(tag({'signers': 2}), None, [([carol.public_key], 1)], signers=(alice, bob))
    add('create_two_signers', c4)
    add('create_hostile_values', create(tag(HOSTILE), HOSTILE, [([alice.public_key], 1000)]))
    add('create_hostile_keys', create(tag({'k': HOSTILE_KEYS}), HOSTILE_KEYS, [([alice.public_key], 1)]))
    add('create_max_amount', create(tag({'max': True}), None, [([alice.public_key], 9 * 10 ** 18)]))

    t1 = transfer(c1, [0], [([bob.public_key], 1)], [alice], metadata={'note': 'to bob \U0001F69A'})
    add('transfer_simple', t1, [c1])
    t2 = transfer(c2, [0, 1], [([carol.public_key], 60), ([alice.public_key], 40)], [alice, bob])
    add('transfer_two_inputs_divisible', t2, [c2])
    t3 = transfer(c3, [0], [([carol.public_key], 5)], [alice, bob], metadata=HOSTILE)
    add('transfer_two_of_two', t3, [c3])
    t4 = transfer(t1, [0], [([alice.public_key], 1)], [bob])
    add('transfer_of_transfer', t4, [t1])
    return cases


if __name__ == '__main__':
    json.dump({'driver': 'bigchaindb-driver==' + version('bigchaindb-driver'),
               'keys': {'alice': alice.public_key, 'bob': bob.public_key, 'carol': carol.public_key},
               'cases': driver_cases()}, sys.stdout)
