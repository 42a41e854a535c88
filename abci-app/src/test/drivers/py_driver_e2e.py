"""End-to-end run of the official Python driver (bigchaindb_driver), unchanged, against a running node.

Usage: python py_driver_e2e.py http://127.0.0.1:9984
Prints one line per step; exits non-zero with the failing step on the first failure.
"""
import json
import sys
import time

from bigchaindb_driver import BigchainDB
from bigchaindb_driver.crypto import generate_keypair
from bigchaindb_driver.exceptions import BadRequest, TransportError


def check(cond, what):
    if not cond:
        print('FAILED: ' + what, file=sys.stderr)
        sys.exit(1)
    print('ok: ' + what)


def spend(tx, index):
    out = tx['outputs'][index]
    return {'fulfillment': out['condition']['details'],
            'fulfills': {'output_index': index, 'transaction_id': tx['id']},
            'owners_before': out['public_keys']}


def main():
    bdb = BigchainDB(sys.argv[1])
    alice, bob, carol = generate_keypair(), generate_keypair(), generate_keypair()
    tag = 'pydriver%d' % int(time.time() * 1000)

    create = bdb.transactions.fulfill(bdb.transactions.prepare(
        operation='CREATE', signers=alice.public_key,
        asset={'data': {'kind': tag, 'sensor': 'humidity', 'note': 'naïve ✓ שלום \u200b'}},
        metadata={'reading': 48.25, 'tag': tag}, recipients=[([alice.public_key], 10)]),
        private_keys=alice.private_key)
    bdb.transactions.send_commit(create)
    check(bdb.transactions.retrieve(create['id'])['id'] == create['id'], 'CREATE committed and fetched back')

    split = bdb.transactions.fulfill(bdb.transactions.prepare(
        operation='TRANSFER', asset={'id': create['id']}, inputs=[spend(create, 0)],
        recipients=[([bob.public_key], 3), ([alice.public_key], 7)], metadata={'step': 'split'}),
        private_keys=alice.private_key)
    bdb.transactions.send_commit(split)
    check(True, 'divisible asset split 3/7')

    back = bdb.transactions.fulfill(bdb.transactions.prepare(
        operation='TRANSFER', asset={'id': create['id']}, inputs=[spend(split, 0)],
        recipients=[([alice.public_key], 3)]), private_keys=bob.private_key)
    bdb.transactions.send_commit(back)
    merge = bdb.transactions.fulfill(bdb.transactions.prepare(
        operation='TRANSFER', asset={'id': create['id']}, inputs=[spend(split, 1), spend(back, 0)],
        recipients=[([bob.public_key, carol.public_key], 10)], metadata={'step': 'merge'}),
        private_keys=alice.private_key)
    bdb.transactions.send_commit(merge)
    check(len(merge['outputs'][0]['public_keys']) == 2, 'merged 7+3 into one output with two owners')

    joint = bdb.transactions.fulfill(bdb.transactions.prepare(
        operation='TRANSFER', asset={'id': create['id']}, inputs=[spend(merge, 0)],
        recipients=[([carol.public_key], 10)]), private_keys=[bob.private_key, carol.private_key])
    bdb.transactions.send_commit(joint)
    check(True, 'two-owner output spent with both signatures')

    double = bdb.transactions.fulfill(bdb.transactions.prepare(
        operation='TRANSFER', asset={'id': create['id']}, inputs=[spend(create, 0)],
        recipients=[([carol.public_key], 10)]), private_keys=alice.private_key)
    try:
        bdb.transactions.send_commit(double)
        check(False, 'double spend refused (it was accepted)')
    except BadRequest as e:
        check('DoubleSpend' in json.dumps(e.info), 'double spend refused with reason DoubleSpend')

    check(bdb.outputs.get(alice.public_key, spent=False) == [], 'alice has no unspent outputs')
    check(len(bdb.outputs.get(alice.public_key, spent=True)) == 3, 'alice has three spent outputs')
    carol_unspent = bdb.outputs.get(carol.public_key, spent=False)
    check(len(carol_unspent) == 1 and carol_unspent[0]['transaction_id'] == joint['id'], 'carol holds the 10 tokens')
    check(len(bdb.transactions.get(asset_id=create['id'])) == 5, 'the asset has five transactions')
    check(len(bdb.transactions.get(asset_id=create['id'], operation='TRANSFER')) == 4, 'four of them are transfers')
    assets = bdb.assets.get(search=tag)
    check(len(assets) == 1 and assets[0]['id'] == create['id'], 'asset found by text search')
    metas = bdb.metadata.get(search=tag)
    check(len(metas) == 1 and metas[0]['id'] == create['id'], 'metadata found by text search')
    height = bdb.blocks.get(txid=create['id'])  # the driver returns the first height, not the list
    check(any(t['id'] == create['id'] for t in bdb.blocks.retrieve(str(height))['transactions']), 'the block holds the CREATE')
    print(json.dumps({'done': True, 'asset': create['id']}))


if __name__ == '__main__':
    try:
        main()
    except (TransportError, Exception) as e:  # report any driver error as the failing step
        print('FAILED: %r' % (e,), file=sys.stderr)
        sys.exit(1)
