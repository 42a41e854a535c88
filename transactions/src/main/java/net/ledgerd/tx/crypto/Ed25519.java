package net.ledgerd.tx.crypto;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Ed25519 signatures (RFC 8032) with BigchainDB 2.2.2's verdicts, which are those of PyNaCl 1.1.2's
 * bundled libsodium. Keys and R values of small order or encoded non-canonically are decided by
 * {@link Ed25519Reference} (where libsodium versions and BouncyCastle differ); every other signature
 * goes through the system libsodium when it is installed ({@link LibSodium}, the faster of the two
 * here, and for such encodings the same equation as PyNaCl's), else through BouncyCastle, whose
 * decoded public keys are cached: a ledger sees the same few keys over and over. Signing and key
 * derivation use BouncyCastle (deterministic, same bytes either way).
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

    /**
     * The R encodings libsodium refuses outright (its {@code has_small_order} list, compared on all
     * 32 bytes): the points of order 1, 2, 4 and 8 and the non-canonical encodings of 0 and 1.
     * BigchainDB 2.2.2 verifies with PyNaCl 1.1.2's libsodium; BouncyCastle would accept a
     * signature whose R is one of these when the equation holds up to the cofactor.
     */
    private static final byte[][] SMALL_ORDER_R = {
        org.bouncycastle.util.encoders.Hex.decode("0000000000000000000000000000000000000000000000000000000000000000"),
        org.bouncycastle.util.encoders.Hex.decode("0100000000000000000000000000000000000000000000000000000000000000"),
        org.bouncycastle.util.encoders.Hex.decode("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        org.bouncycastle.util.encoders.Hex.decode("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        org.bouncycastle.util.encoders.Hex.decode("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        org.bouncycastle.util.encoders.Hex.decode("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        org.bouncycastle.util.encoders.Hex.decode("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
    };

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] signature, byte[] message) {
        return verify(publicKey, signature, message, VERIFIER);
    }

    /** The verdict without libsodium: what a node that lacks it decides. */
    static boolean verifyWithBouncyCastle(byte[] publicKey, byte[] signature, byte[] message) {
        return verify(publicKey, signature, message, Verifier.BOUNCYCASTLE);
    }

    private static boolean verify(byte[] publicKey, byte[] signature, byte[] message, Verifier verifier) {
        if (publicKey.length != PUBLIC_KEY_SIZE || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        if (hasSmallOrderR(signature)) {
            return false;
        }
        if (Ed25519Reference.unusualEncoding(publicKey, 0) || Ed25519Reference.unusualEncoding(signature, 0)) {
            // a key or R of small order, or a non-canonical one: BouncyCastle's cofactored check and
            // libsodium's byte comparison of R can disagree here, so decide as libsodium does
            return Ed25519Reference.verify(publicKey, signature, message);
        }
        if (verifier == Verifier.LIBSODIUM) {
            return LibSodium.crypto_sign_verify_detached(signature, message, message.length, publicKey) == 0;
        }
        org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point = point(publicKey);
        if (point == INVALID) {
            return false;
        }
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    private static boolean hasSmallOrderR(byte[] signature) {
        for (byte[] r : SMALL_ORDER_R) {
            if (java.util.Arrays.equals(signature, 0, 32, r, 0, 32)) {
                return true;
            }
        }
        return false;
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
