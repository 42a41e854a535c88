#!/usr/bin/env python3
"""Dev-time generator of Ed25519 edge-case vectors judged by BigchainDB 2.2.2's own verifier.

A fulfillment's signature is checked by cryptoconditions 0.8.0's Ed25519Sha256.validate, which
calls PyNaCl 1.1.2's VerifyKey.verify (its bundled libsodium). Libraries differ on edge cases:
non-canonical S (S + k*L), public keys and R of small order, non-canonical point encodings
(y >= p, a "negative" zero x). Each vector is one (public key, signature, 32-byte message) and
whether 2.2.2's validate accepts it; a replacement must agree on every one, or a signature valid
on one member and not on another splits the network. One JSON object per line:

  {"name": ..., "public_key": <hex>, "signature": <hex>, "message": <hex>, "valid": true|false}

Environment: the Python 3.6 venv of gen_bigchaindb_vectors.py.
  /tmp/py36/bin/python gen_ed25519_vectors.py ../../src/test/resources/vectors/ed25519-edge.jsonl
"""
import hashlib
import json
import sys

import gevent  # noqa: F401  (as the server)
import nacl.signing
from cryptoconditions import Ed25519Sha256

L = 2 ** 252 + 27742317777372353535851937790883648493
P = 2 ** 255 - 19


def enc(y, sign=0):
    return (y | (sign << 255)).to_bytes(32, 'little')


SMALL_ORDER = {
    'identity': enc(1),
    'order2': enc(P - 1),
    'order4_y0': enc(0),
    'order4_y0_sign': enc(0, 1),
    'order8_a': bytes.fromhex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05'),
    'order8_b': bytes.fromhex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'),
    'order8_a_sign': bytes.fromhex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85'),
    'order8_b_sign': bytes.fromhex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa'),
    'identity_sign': enc(1, 1),
    'noncanonical_y_p': enc(P),
    'noncanonical_y_p_plus_1': enc(P + 1),
    'noncanonical_y_2p_minus_1': (2 ** 255 - 1).to_bytes(32, 'little'),
}

records = []


def add(name, pk, sig, msg):
    try:
        valid = bool(Ed25519Sha256(public_key=pk, signature=sig).validate(message=msg))
    except Exception as e:  # noqa: BLE001 (recorded: an exception refuses the transaction too)
        valid = False
        name += ':raises_' + type(e).__name__
    records.append({'name': name, 'public_key': pk.hex(), 'signature': sig.hex(), 'message': msg.hex(),
                    'valid': valid})


for seed in range(1, 4):
    sk = nacl.signing.SigningKey(bytes([seed]) * 32)
    pk = bytes(sk.verify_key)
    for n in range(3):
        msg = hashlib.sha3_256(b'%d-%d' % (seed, n)).digest()
        sig = sk.sign(msg).signature
        r, s = sig[:32], int.from_bytes(sig[32:], 'little')
        add('valid_%d_%d' % (seed, n), pk, sig, msg)
        add('other_message_%d_%d' % (seed, n), pk, sig, hashlib.sha3_256(msg).digest())
        for k in (1, 2, 7, 15):
            if s + k * L < 2 ** 256:
                add('s_plus_%dL_%d_%d' % (k, seed, n), pk, r + (s + k * L).to_bytes(32, 'little'), msg)
        add('s_top_bit_%d_%d' % (seed, n), pk, r + (s | (1 << 255)).to_bytes(32, 'little'), msg)
        # R of small order with a real key: S = k*a makes the equation hold
        a = bytearray(hashlib.sha512(bytes([seed]) * 32).digest()[:32])
        a[0] &= 248
        a[31] &= 127
        a[31] |= 64
        a = int.from_bytes(a, 'little')
        for rname, rb in SMALL_ORDER.items():
            k = int.from_bytes(hashlib.sha512(rb + pk + msg).digest(), 'little') % L
            add('small_order_r_%s_%d_%d' % (rname, seed, n), pk, rb + ((k * a) % L).to_bytes(32, 'little'), msg)
        # non-canonical public key encodings of a real key: y + p when it fits
        y = int.from_bytes(pk, 'little') & ((1 << 255) - 1)
        if y + P < 2 ** 255:
            add('pk_y_plus_p_%d_%d' % (seed, n), enc(y + P, pk[31] >> 7), sig, msg)

for aname, ab in SMALL_ORDER.items():
    for rname, rb in SMALL_ORDER.items():
        for n in range(2):
            msg = hashlib.sha3_256(b'small-%d' % n).digest()
            add('small_order_pk_%s_r_%s_%d' % (aname, rname, n), ab, rb + bytes(32), msg)

with open(sys.argv[1], 'w') as f:
    for r in records:
        f.write(json.dumps(r, sort_keys=True) + '\n')
print(len(records), 'records', sum(r['valid'] for r in records), 'valid')
