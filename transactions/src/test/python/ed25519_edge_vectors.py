"""Writes Ed25519 edge-case vectors with the verdicts of PyNaCl (BigchainDB 2.2.2 verifies
signatures through cryptoconditions 0.8.0 -> PyNaCl 1.1.2 -> its bundled libsodium).

    python ed25519_edge_vectors.py > ../resources/ed25519-edge-vectors.json

Run with the Python that has BigchainDB 2.2.2's PyNaCl installed. The cases are built here with
plain integer arithmetic on the curve (RFC 8032 section 5.1), so no signing library decides them.
"""
import hashlib
import json
import sys

import nacl.bindings
import nacl.signing

P = 2 ** 255 - 19
L = 2 ** 252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def inv(x):
    return pow(x, P - 2, P)


def add(p1, p2):
    (x1, y1, z1, t1), (x2, y2, z2, t2) = p1, p2
    a = (y1 - x1) * (y2 - x2) % P
    b = (y1 + x1) * (y2 + x2) % P
    c = 2 * t1 * t2 * D % P
    d = 2 * z1 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def mul(s, p):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = add(q, p)
        p = add(p, p)
        s >>= 1
    return q


def encode(p):
    x, y, z, _ = p
    zi = inv(z)
    x, y = x * zi % P, y * zi % P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def recover_x(y, sign):
    x2 = (y * y - 1) * inv(D * y * y + 1) % P
    if x2 == 0:
        return 0 if not sign else None
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


def point(y, sign=0):
    x = recover_x(y, sign)
    return (x, y, 1, x * y % P)


G = point(4 * inv(5) % P)


def h(*parts):
    return int.from_bytes(hashlib.sha512(b"".join(parts)).digest(), "little")


def small_order_point():
    """A point of order 8: [L]Q for a curve point Q with a torsion component."""
    for y in range(2, 1000):
        if recover_x(y, 0) is None:
            continue
        t = mul(L, point(y))
        if encode(mul(4, t)) != encode((0, 1, 1, 0)):
            return t
    raise RuntimeError("no order-8 point found")


def le(n):
    return n.to_bytes(32, "little")


def main():
    cases = []

    def case(name, pk, sig, msg):
        cases.append({"name": name, "public_key": pk.hex(), "signature": sig.hex(), "message": msg.hex()})

    seed = hashlib.sha256(b"ledgerd edge vectors").digest()
    sk = nacl.signing.SigningKey(seed)
    pk = bytes(sk.verify_key)
    msg = b"a BigchainDB transaction body"
    sig = sk.sign(msg).signature
    case("valid signature", pk, sig, msg)
    case("wrong message", pk, sig, msg + b"!")
    s = int.from_bytes(sig[32:], "little")
    case("non-canonical S (S + L)", pk, sig[:32] + le(s + L), msg)
    case("S with the top bit set (S + 2^255)", pk, sig[:32] + le(s + 2 ** 255), msg)

    # The secret scalar of this key (RFC 8032 5.1.5), to build signatures with a chosen R.
    a = int.from_bytes(hashlib.sha512(seed).digest()[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    assert encode(mul(a, G)) == pk

    identity = le(1)
    identity_non_canonical = le(P + 1)  # y = p + 1, read as y = 1 by a lax decoder
    identity_negative_zero = le(1 | (1 << 255))  # x = 0 with the sign bit set
    for r_name, r in (("the identity", identity), ("the identity, non-canonical (y = p + 1)", identity_non_canonical)):
        k = h(r, pk, msg) % L
        case("R = " + r_name + ", S = k*a: the equation holds", pk, r + le(k * a % L), msg)

    for a_name, a_enc in (
        ("the identity", identity),
        ("the identity, non-canonical (y = p + 1)", identity_non_canonical),
        ("the identity with x = -0", identity_negative_zero),
    ):
        case("A = " + a_name + ", R = the identity, S = 0", a_enc, identity + le(0), msg)

    t8 = small_order_point()
    t8_enc = encode(t8)
    for i in range(10000):
        m = msg + str(i).encode()
        if h(identity, t8_enc, m) % L % 8 == 0:
            case("A of order 8, R = the identity, S = 0, k = 0 mod 8 (k reduced mod L)", t8_enc, identity + le(0), m)
            break
    mixed = add(mul(a, G), t8)
    mixed_enc = encode(mixed)
    for i in range(10000):
        m = msg + str(i).encode()
        r = 7 + i
        r_enc = encode(mul(r, G))
        k = h(r_enc, mixed_enc, m) % L
        if k % 8 == 0:
            case("A = a legitimate key plus an order-8 point, k = 0 mod 8 (k reduced mod L)", mixed_enc, r_enc + le((r + k * a) % L), m)
            break

    # R of mixed order (a valid R plus an order-8 point) made by the key holder: the equation holds up
    # to the cofactor only, so a cofactorless verifier (libsodium) refuses it.
    r = 12345
    r_mixed = encode(add(mul(r, G), t8))
    k = h(r_mixed, pk, msg) % L
    case("R of mixed order (valid R plus an order-8 point), S = r + k*a", pk, r_mixed + le((r + k * a) % L), msg)

    for c in cases:
        try:
            nacl.bindings.crypto_sign_open(
                bytes.fromhex(c["signature"]) + bytes.fromhex(c["message"]), bytes.fromhex(c["public_key"]))
            c["pynacl"] = True
        except Exception:
            c["pynacl"] = False
    json.dump({"verdicts_from": "PyNaCl " + nacl.__version__ + " (BigchainDB 2.2.2's)", "cases": cases},
              sys.stdout, indent=2)
    print()


main()
