package net.ledgerd.tx.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class Ed25519Test {

    @Test
    void rfc8032Test1() {
        // RFC 8032 section 7.1, TEST 1 (empty message)
        byte[] seed = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] pk = Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] sig = Hex.decode("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        Ed25519KeyPair k = Ed25519KeyPair.fromSeed(seed);
        assertEquals(Hex.toHexString(pk), Hex.toHexString(k.publicKey()));
        assertEquals(Hex.toHexString(sig), Hex.toHexString(k.sign(new byte[0])));
        assertTrue(Ed25519.verify(pk, sig, new byte[0]));
        sig[0] ^= 1;
        assertFalse(Ed25519.verify(pk, sig, new byte[0]));
    }

    @Test
    void smallOrderPublicKeysAreJudgedAsBigchainDbsLibsodiumDoes() {
        // [S]B = R + [k]A holds for A = identity with R = B, S = 1. PyNaCl 1.1.2, the version
        // BigchainDB 2.2.2 verifies with, accepts it for the identity key and for (0, sign bit):
        // an output locked to such a key can be spent by anyone on 2.2.2, so consensus agrees.
        // (PyNaCl 1.5's libsodium 1.0.18 refuses every small-order key.) Measured with
        // cryptoconditions 0.8.0 in 2.2.2's pinned environment.
        byte[] sig = Hex.decode("5866666666666666666666666666666666666666666666666666666666666666"
                + "0100000000000000000000000000000000000000000000000000000000000000");
        byte[] m = "any message".getBytes(StandardCharsets.US_ASCII);
        Map<String, Boolean> pynacl112 = Map.of(
                "0100000000000000000000000000000000000000000000000000000000000000", true,
                "0000000000000000000000000000000000000000000000000000000000000000", false,
                "0000000000000000000000000000000000000000000000000000000000000080", true,
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", false,
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", false,
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", false,
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", false);
        pynacl112.forEach((a, expected) -> assertEquals(expected, Ed25519.verify(Hex.decode(a), sig, m), a));
    }

    @Test
    void keyPairEncodings() {
        Ed25519KeyPair k = Ed25519KeyPair.generate();
        Ed25519KeyPair back = Ed25519KeyPair.fromBase58PrivateKey(k.privateKeyBase58());
        assertEquals(k, back);
        assertEquals(k.publicKeyBase58(), Base58.encode(back.publicKey()));
        byte[] m = "x".getBytes(StandardCharsets.US_ASCII);
        assertTrue(Ed25519.verify(k.publicKey(), k.sign(m), m));
    }

    @Test
    void verifiesThroughTheSystemLibsodium() {
        // network/bin/setup installs libsodium; without it nodes fall back to BouncyCastle (slower).
        assertEquals(
                Ed25519.Verifier.LIBSODIUM,
                Ed25519.verifier(),
                "libsodium was not loaded: install it (Debian: apt-get install libsodium23, or network/bin/setup)");
    }

    /**
     * Where the BouncyCastle fallback (taken only without libsodium) still differs from PyNaCl: its
     * cofactored equation accepts an R of mixed order, which a key holder can make.
     */
    private static final java.util.Set<String> FALLBACK_DIFFERS =
            java.util.Set.of("R of mixed order (valid R plus an order-8 point), S = r + k*a");

    /**
     * Edge cases built and decided by PyNaCl 1.1.2, BigchainDB 2.2.2's (src/test/python/ed25519_edge_vectors.py):
     * non-canonical S, small-order and non-canonical A and R, mixed-order A and R. libsodium must give
     * PyNaCl's verdict on each, the fallback on each but those in FALLBACK_DIFFERS.
     */
    @Test
    void bothPathsGivePyNaclsVerdictOnEdgeCases() throws Exception {
        JsonNode vectors;
        try (InputStream in = Ed25519Test.class.getResourceAsStream("/ed25519-edge-vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
        int n = 0;
        for (JsonNode c : vectors.path("cases")) {
            byte[] pk = Hex.decode(c.path("public_key").asText());
            byte[] sig = Hex.decode(c.path("signature").asText());
            byte[] m = Hex.decode(c.path("message").asText());
            boolean expected = c.path("pynacl").asBoolean();
            String name = c.path("name").asText();
            assertEquals(expected, Ed25519.verify(pk, sig, m), "Ed25519.verify (" + Ed25519.verifier() + "): " + name);
            if (FALLBACK_DIFFERS.contains(name)) {
                assertEquals(
                        !expected,
                        Ed25519.verifyWithBouncyCastle(pk, sig, m),
                        "the fallback now agrees with PyNaCl on '" + name + "': remove it from FALLBACK_DIFFERS");
            } else {
                assertEquals(expected, Ed25519.verifyWithBouncyCastle(pk, sig, m), "BouncyCastle fallback: " + name);
            }
            n++;
        }
        assertTrue(n >= 12, "vectors read: " + n);
    }
}
