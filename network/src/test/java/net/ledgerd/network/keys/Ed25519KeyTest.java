package net.ledgerd.network.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519KeyTest {
    private static final Base64.Decoder B64 = Base64.getDecoder();

    @Test
    void rfc8032FirstVectorDerivesItsPublicKey() {
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertEquals(
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                HexFormat.of().formatHex(Ed25519Key.fromSeed(seed).publicKey()));
    }

    /** The test validator key in Tendermint 0.31.5's config/toml.go: private key, public key and address. */
    @Test
    void tendermintTestValidatorKey() {
        Ed25519Key key = Ed25519Key.fromTendermintPrivateKey(
                B64.decode("EVkqJO/jIXp3rkASXfh9YnyToYXRXhBr6g9cQVxPFnQBP/5povV4HTjvsy530kybxKHwEi85iU8YL0qQhSYVoQ=="));
        assertArrayEquals(B64.decode("AT/+aaL1eB0477Mud9JMm8Sh8BIvOYlPGC9KkIUmFaE="), key.publicKey());
        assertEquals("A3258DCBF45DCA0DF052981870F2D1441A36D145", key.address());
    }

    /** Keys written by `tendermint init` (0.31.5) and what `show_node_id` / `show_validator` printed for them. */
    @Test
    void keysFromTendermintInit() {
        Ed25519Key nodeKey = Ed25519Key.fromTendermintPrivateKey(
                B64.decode("DBxvBFBndv16yqh5rD6QcsX3d+Ggaj21F9ZtJ0RtBg+De3v3Q3zRv2GiSXiTt1ogclAounhecuSdhaDottx7gw=="));
        assertEquals("c473ea057651b1935b6e80d5cb61845621b09cfb", nodeKey.nodeId());
        Ed25519Key validator = Ed25519Key.fromTendermintPrivateKey(
                B64.decode("QPbe0Ld1NgHOWWMgQw4jbUWcvcNIxme2PSEd6x4H14FJqS6P45WlqaQV+kJUOH5FRm6nCkYx3VVC1VXMkH/n/A=="));
        assertEquals(
                "Sakuj+OVpamkFfpCVDh+RUZupwpGMd1VQtVVzJB/5/w=",
                Base64.getEncoder().encodeToString(validator.publicKey()));
        assertEquals("3C1800BA5747B20AAE426A4B84BA1F7FFF651A52", validator.address());
    }

    @Test
    void nodeIdIsTheAddressInLowerCase() {
        Ed25519Key key = Ed25519Key.generate();
        assertEquals(key.address().toLowerCase(java.util.Locale.ROOT), key.nodeId());
        assertTrue(key.nodeId().matches("[0-9a-f]{40}"));
        assertTrue(key.address().matches("[0-9A-F]{40}"));
    }

    @Test
    void privateKeyIsSeedThenPublicKeyAndRoundTrips() {
        Ed25519Key key = Ed25519Key.generate();
        byte[] priv = key.tendermintPrivateKey();
        assertEquals(64, priv.length);
        assertArrayEquals(key.publicKey(), java.util.Arrays.copyOfRange(priv, 32, 64));
        assertEquals(key.address(), Ed25519Key.fromTendermintPrivateKey(priv).address());
    }

    @Test
    void generatedKeysDiffer() {
        assertNotEquals(Ed25519Key.generate().address(), Ed25519Key.generate().address());
    }

    @Test
    void privateKeyWhosePublicHalfIsNotItsOwnIsRejected() {
        byte[] priv = Ed25519Key.generate().tendermintPrivateKey();
        priv[40] ^= 1;
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Ed25519Key.fromTendermintPrivateKey(priv));
        assertTrue(e.getMessage().contains("not the public key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ed25519Key.fromTendermintPrivateKey(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Key.addressOf(new byte[31]));
    }
}
