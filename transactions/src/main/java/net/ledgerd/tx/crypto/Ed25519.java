package net.ledgerd.tx.crypto;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Ed25519 signatures (RFC 8032). Verification goes through the system libsodium when it is installed
 * ({@link LibSodium}): BigchainDB verifies with PyNaCl, which is libsodium, so a node agrees with
 * BigchainDB nodes on every signature, edge cases included, and libsodium is also the faster of the
 * two here. Without libsodium it falls back, with one warning, to BouncyCastle behind the checks
 * libsodium makes before the curve equation (canonical S, canonical A, no small-order A or R); the
 * vectors in Ed25519Test show both paths agreeing with PyNaCl. Signing and key derivation use
 * BouncyCastle (deterministic, same bytes either way).
 */
public final class Ed25519 {
    private Ed25519() {}

    public static final int PUBLIC_KEY_SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;

    private static final int CACHE_LIMIT = 8192;
    private static final ConcurrentHashMap<Key, org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint> POINTS =
            new ConcurrentHashMap<>();
    /** Marks keys that do not decode to a curve point. */
    private static final org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint INVALID =
            org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(new byte[32], 0);

    /** Which implementation {@link #verify} uses in this process. */
    public enum Verifier {
        LIBSODIUM,
        BOUNCYCASTLE
    }

    private static final Verifier VERIFIER;

    static {
        org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
        if (LibSodium.UNAVAILABLE.isEmpty()) {
            VERIFIER = Verifier.LIBSODIUM;
        } else {
            VERIFIER = Verifier.BOUNCYCASTLE;
            System.getLogger(Ed25519.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "Ed25519: " + LibSodium.UNAVAILABLE.get() + "; verifying signatures with BouncyCastle"
                                    + " instead (slower; same verdicts on the known edge cases). Install libsodium"
                                    + " (Debian: apt-get install libsodium23; network/bin/setup does).");
        }
    }

    public static Verifier verifier() {
        return VERIFIER;
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] signature, byte[] message) {
        if (publicKey.length != PUBLIC_KEY_SIZE || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        if (VERIFIER == Verifier.LIBSODIUM) {
            return LibSodium.crypto_sign_verify_detached(signature, message, message.length, publicKey) == 0;
        }
        return verifyWithBouncyCastle(publicKey, signature, message);
    }

    /** The fallback: libsodium 1.0.18's checks before the equation, then BouncyCastle's cofactorless check. */
    static boolean verifyWithBouncyCastle(byte[] publicKey, byte[] signature, byte[] message) {
        if (!sIsCanonical(signature)
                || hasSmallOrder(signature, 0)
                || !yIsCanonical(publicKey)
                || hasSmallOrder(publicKey, 0)) {
            return false;
        }
        org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point = point(publicKey);
        if (point == INVALID) {
            return false;
        }
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    /** The group order L, little-endian. */
    private static final byte[] L = {
        (byte) 0xed,
        (byte) 0xd3,
        (byte) 0xf5,
        0x5c,
        0x1a,
        0x63,
        0x12,
        0x58,
        (byte) 0xd6,
        (byte) 0x9c,
        (byte) 0xf7,
        (byte) 0xa2,
        (byte) 0xde,
        (byte) 0xf9,
        (byte) 0xde,
        0x14,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0x10
    };

    /** S (the signature's second half) is below L. */
    private static boolean sIsCanonical(byte[] signature) {
        for (int i = 31; i >= 0; i--) {
            int s = signature[32 + i] & 0xff;
            int l = L[i] & 0xff;
            if (s != l) {
                return s < l;
            }
        }
        return false;
    }

    /** The encoded y (sign bit aside) is below p = 2^255 - 19. */
    private static boolean yIsCanonical(byte[] point) {
        if ((point[31] & 0x7f) != 0x7f) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if (point[i] != (byte) 0xff) {
                return true;
            }
        }
        return (point[0] & 0xff) < 0xed;
    }

    /**
     * The encodings (sign bit aside) of the points of order 1, 2, 4 and 8, canonical and not, as
     * libsodium's ge25519_has_small_order lists them: y = 0, 1, the two order-8 y values, p - 1, p, p + 1.
     */
    private static final byte[][] SMALL_ORDER = {
        hex("0000000000000000000000000000000000000000000000000000000000000000"),
        hex("0100000000000000000000000000000000000000000000000000000000000000"),
        hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    };

    private static boolean hasSmallOrder(byte[] b, int off) {
        for (byte[] bad : SMALL_ORDER) {
            boolean same = (b[off + 31] & 0x7f) == bad[31];
            for (int i = 0; same && i < 31; i++) {
                same = b[off + i] == bad[i];
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    private static org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point(byte[] publicKey) {
        Key k = new Key(publicKey);
        org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint p = POINTS.get(k);
        if (p == null) {
            p = org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartialExport(publicKey, 0);
            if (p == null) {
                p = INVALID;
            }
            if (POINTS.size() >= CACHE_LIMIT) {
                POINTS.clear();
            }
            POINTS.put(k, p);
        }
        return p;
    }

    /** Derives the 32-byte public key of a 32-byte private key (seed). */
    public static byte[] publicKeyOf(byte[] seed) {
        byte[] pk = new byte[PUBLIC_KEY_SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pk, 0);
        return pk;
    }

    /** Signs {@code message} with the 32-byte private key (seed). */
    public static byte[] sign(byte[] seed, byte[] message) {
        byte[] sig = new byte[SIGNATURE_SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    private static final class Key {
        private final byte[] b;
        private final int hash;

        Key(byte[] b) {
            this.b = b.clone();
            this.hash = java.util.Arrays.hashCode(b);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Arrays.equals(b, k.b);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
