package net.ledgerd.tx.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Ed25519 verification as PyNaCl 1.1.2's bundled libsodium does it (BigchainDB 2.2.2 verifies every
 * fulfillment with it), in plain BigInteger arithmetic: S must be below the group order, R must not
 * be one of libsodium's listed small-order encodings, the public key must not be all zero bytes
 * and is decoded as ref10 does (y taken modulo p, a zero x with the sign bit set accepted, other
 * small-order keys accepted: the identity key 0100..00 verifies R = B, S = 1 for any message), and
 * encode([S]B - [k]A) must equal R byte for byte (no cofactor). Slow (milliseconds), so {@link
 * Ed25519} uses it only where that answer can differ from BouncyCastle's cofactored check: a
 * public key or an R of small order, or encoded non-canonically. (An R of mixed order, a valid R
 * plus a small-order point, is not detected: BouncyCastle accepts it where libsodium does not.)
 */
final class Ed25519Reference {
    private Ed25519Reference() {}

    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P))
            .mod(P);
    private static final BigInteger SQRT_M1 =
            BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
    private static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);
    private static final Point BASE;

    /** The canonical y encodings of the eight points of small order (identity, order 2, 4 and 8). */
    private static final byte[][] SMALL_ORDER_Y_BYTES;

    static {
        BigInteger y = BigInteger.valueOf(4)
                .multiply(BigInteger.valueOf(5).modInverse(P))
                .mod(P);
        BASE = decode(encodeY(y, false));
        BigInteger y8 = littleEndian(
                org.bouncycastle.util.encoders.Hex.decode(
                        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
                0,
                32);
        SMALL_ORDER_Y_BYTES = new byte[][] {
            encodeY(BigInteger.ZERO, false),
            encodeY(BigInteger.ONE, false),
            encodeY(P.subtract(BigInteger.ONE), false),
            encodeY(y8, false),
            encodeY(P.subtract(y8), false)
        };
    }

    record Point(BigInteger x, BigInteger y) {}

    /**
     * Whether these 32 bytes, read as ref10 reads a point, are a non-canonical encoding (y at least
     * p) or name a point of small order.
     */
    static boolean unusualEncoding(byte[] b, int off) {
        if ((b[off + 31] & 0x7f) == 0x7f && (b[off] & 0xff) >= 0xed) {
            boolean allOnes = true;
            for (int i = 1; i < 31 && allOnes; i++) {
                allOnes = b[off + i] == (byte) 0xff;
            }
            if (allOnes) {
                return true; // y >= p
            }
        }
        for (byte[] y : SMALL_ORDER_Y_BYTES) {
            if ((b[off + 31] & 0x7f) == y[31] && Arrays.equals(b, off, off + 31, y, 0, 31)) {
                return true;
            }
        }
        return false;
    }

    /** libsodium's verdict (R blocklist checked by the caller). */
    static boolean verify(byte[] publicKey, byte[] signature, byte[] message) {
        if (allZero(publicKey)) {
            return false; // that libsodium refuses the all-zero key by name (measured)
        }
        BigInteger s = littleEndian(signature, 32, 32);
        if (s.compareTo(L) >= 0) {
            return false;
        }
        Point a = decode(publicKey);
        if (a == null) {
            return false;
        }
        BigInteger k;
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            sha512.update(signature, 0, 32);
            sha512.update(publicKey);
            sha512.update(message);
            k = littleEndian(sha512.digest(), 0, 64).mod(L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every Java runtime", e);
        }
        Point minusA = new Point(P.subtract(a.x()).mod(P), a.y());
        Point r = add(multiply(s, BASE), multiply(k, minusA));
        return Arrays.equals(encode(r), Arrays.copyOfRange(signature, 0, 32));
    }

    /** ref10's ge_frombytes: y modulo p, x from the curve equation, null when there is none. */
    static Point decode(byte[] b) {
        BigInteger y = littleEndian(b, 0, 32).clearBit(255).mod(P);
        boolean sign = (b[31] & 0x80) != 0;
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        BigInteger v3 = v.modPow(BigInteger.valueOf(3), P);
        BigInteger v7 = v3.multiply(v3).multiply(v).mod(P);
        BigInteger x = u.multiply(v3)
                .multiply(u.multiply(v7)
                        .mod(P)
                        .modPow(P.subtract(BigInteger.valueOf(5)).shiftRight(3), P))
                .mod(P);
        BigInteger vx2 = v.multiply(x).multiply(x).mod(P);
        if (!vx2.equals(u)) {
            if (!vx2.equals(P.subtract(u).mod(P))) {
                return null;
            }
            x = x.multiply(SQRT_M1).mod(P);
        }
        if (x.testBit(0) != sign) {
            x = P.subtract(x).mod(P);
        }
        return new Point(x, y);
    }

    static byte[] encode(Point p) {
        return encodeY(p.y(), p.x().testBit(0));
    }

    private static byte[] encodeY(BigInteger y, boolean sign) {
        byte[] out = new byte[32];
        byte[] be = y.toByteArray();
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        if (sign) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    /** Twisted Edwards addition (a = -1), affine. */
    static Point add(Point p, Point q) {
        BigInteger x1y2 = p.x().multiply(q.y());
        BigInteger y1x2 = p.y().multiply(q.x());
        BigInteger x1x2 = p.x().multiply(q.x());
        BigInteger y1y2 = p.y().multiply(q.y());
        BigInteger dxy = D.multiply(x1x2).mod(P).multiply(y1y2).mod(P);
        BigInteger x =
                x1y2.add(y1x2).multiply(BigInteger.ONE.add(dxy).modInverse(P)).mod(P);
        BigInteger y = y1y2.add(x1x2)
                .multiply(BigInteger.ONE.subtract(dxy).mod(P).modInverse(P))
                .mod(P);
        return new Point(x, y);
    }

    static Point multiply(BigInteger k, Point p) {
        Point result = IDENTITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = add(result, result);
            if (k.testBit(i)) {
                result = add(result, p);
            }
        }
        return result;
    }

    private static boolean allZero(byte[] b) {
        int or = 0;
        for (byte x : b) {
            or |= x;
        }
        return or == 0;
    }

    private static BigInteger littleEndian(byte[] b, int off, int len) {
        byte[] be = new byte[len];
        for (int i = 0; i < len; i++) {
            be[i] = b[off + len - 1 - i];
        }
        return new BigInteger(1, be);
    }
}
