package net.ledgerd.tx.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * An Ed25519 key pair in BigchainDB's terms: the private key is the 32-byte seed, and both keys
 * are written in base58 (as {@code bigchaindb_driver.crypto.generate_keypair} and the JS driver's
 * {@code Ed25519Keypair} do).
 */
public final class Ed25519KeyPair {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** BigchainDB 2.2.2's schema: a public key is {@code [1-9a-zA-Z^OIl]{43,44}}. */
    static final int MIN_PUBLIC_KEY_CHARS = 43;

    private final byte[] seed;
    private final byte[] publicKey;
    private final String publicKeyBase58;

    private Ed25519KeyPair(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
        }
        this.seed = seed.clone();
        this.publicKey = Ed25519.publicKeyOf(this.seed);
        this.publicKeyBase58 = Base58.encode(publicKey);
    }

    /**
     * A new key pair whose public key BigchainDB 2.2.2 accepts: its schema asks 43 or 44 base58
     * characters of a public key, which about one key in 56,000 (a zero first byte and a small
     * rest) does not have; such a key could sign nothing the ledger takes, so another is drawn.
     */
    public static Ed25519KeyPair generate() {
        return generate(() -> {
            byte[] seed = new byte[32];
            RANDOM.nextBytes(seed);
            return seed;
        });
    }

    static Ed25519KeyPair generate(Supplier<byte[]> seeds) {
        while (true) {
            Ed25519KeyPair pair = new Ed25519KeyPair(seeds.get());
            if (pair.publicKeyBase58.length() >= MIN_PUBLIC_KEY_CHARS) {
                return pair;
            }
        }
    }

    public static Ed25519KeyPair fromSeed(byte[] seed) {
        return new Ed25519KeyPair(seed);
    }

    /** From a base58 private key as the drivers print it. */
    public static Ed25519KeyPair fromBase58PrivateKey(String privateKey) {
        return new Ed25519KeyPair(Base58.decode(privateKey));
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyBase58() {
        return publicKeyBase58;
    }

    public byte[] seed() {
        return seed.clone();
    }

    public String privateKeyBase58() {
        return Base58.encode(seed);
    }

    public byte[] sign(byte[] message) {
        return Ed25519.sign(seed, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519KeyPair k && Arrays.equals(seed, k.seed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[" + publicKeyBase58 + "]";
    }
}
