package net.ledgerd.network.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * An ed25519 key pair as Tendermint 0.31.5 stores it: a 32-byte seed and the 32-byte public key derived from it.
 * Tendermint's private key bytes are the 64 bytes seed || public key.
 */
public final class Ed25519Key {
    public static final int SEED_BYTES = 32;
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int PRIVATE_KEY_BYTES = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519Key(byte[] seed, byte[] publicKey) {
        this.seed = seed;
        this.publicKey = publicKey;
    }

    /** A fresh key pair from the platform's strong random source. */
    public static Ed25519Key generate() {
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        return fromSeed(seed);
    }

    public static Ed25519Key fromSeed(byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("an ed25519 seed is " + SEED_BYTES + " bytes, got " + seed.length);
        }
        byte[] pub =
                new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        return new Ed25519Key(seed.clone(), pub);
    }

    /**
     * The key from Tendermint's 64-byte private key (seed || public key). The public half must be the one the seed
     * derives; a file where it is not has been edited or corrupted.
     */
    public static Ed25519Key fromTendermintPrivateKey(byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException("a Tendermint ed25519 private key is " + PRIVATE_KEY_BYTES
                    + " bytes (seed and public key), got " + privateKey.length);
        }
        Ed25519Key key = fromSeed(Arrays.copyOfRange(privateKey, 0, SEED_BYTES));
        if (!Arrays.equals(key.publicKey, Arrays.copyOfRange(privateKey, SEED_BYTES, PRIVATE_KEY_BYTES))) {
            throw new IllegalArgumentException("the private key's second half is not the public key of its seed");
        }
        return key;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** seed || public key, the 64 bytes Tendermint stores as the private key. */
    public byte[] tendermintPrivateKey() {
        byte[] out = new byte[PRIVATE_KEY_BYTES];
        System.arraycopy(seed, 0, out, 0, SEED_BYTES);
        System.arraycopy(publicKey, 0, out, SEED_BYTES, PUBLIC_KEY_BYTES);
        return out;
    }

    /** The validator address: the first 20 bytes of SHA-256 of the public key, as upper-case hex. */
    public String address() {
        return addressOf(publicKey);
    }

    /** The p2p node id when this is a node key: the same 20 bytes as lower-case hex. */
    public String nodeId() {
        return nodeIdOf(publicKey);
    }

    public static String addressOf(byte[] publicKey) {
        return HexFormat.of().withUpperCase().formatHex(truncatedSha256(publicKey));
    }

    public static String nodeIdOf(byte[] publicKey) {
        return HexFormat.of().formatHex(truncatedSha256(publicKey));
    }

    private static byte[] truncatedSha256(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "an ed25519 public key is " + PUBLIC_KEY_BYTES + " bytes, got " + publicKey.length);
        }
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(publicKey), 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
