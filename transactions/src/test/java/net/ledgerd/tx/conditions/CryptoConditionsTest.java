package net.ledgerd.tx.conditions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.ledgerd.tx.crypto.Base58;
import net.ledgerd.tx.crypto.Base64Url;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.validation.Rule;
import net.ledgerd.tx.validation.ValidationException;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * Vectors recorded at development time from python cryptoconditions 0.8.0 (what BigchainDB 2.2.2
 * uses): keys from seeds 0x01..01, 0x02..02, 0x03..03, 0x04..04; message "hello".
 */
class CryptoConditionsTest {
    static final Ed25519KeyPair K1 = Ed25519KeyPair.fromSeed(fill(1));
    static final Ed25519KeyPair K2 = Ed25519KeyPair.fromSeed(fill(2));
    static final Ed25519KeyPair K3 = Ed25519KeyPair.fromSeed(fill(3));
    static final Ed25519KeyPair K4 = Ed25519KeyPair.fromSeed(fill(4));
    static final byte[] MSG = "hello".getBytes(StandardCharsets.US_ASCII);

    static byte[] fill(int b) {
        byte[] s = new byte[32];
        java.util.Arrays.fill(s, (byte) b);
        return s;
    }

    @Test
    void keysInBase58() {
        assertEquals("AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9", K1.publicKeyBase58());
        assertEquals("9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu", K2.publicKeyBase58());
        assertEquals("GyGKxMyg1p9SsHfm15MkNUu1u9TN2JtTspcdmrtGUdse", K3.publicKeyBase58());
        assertEquals("EdmxWPmx2WH6WgFfTdu9xfkYf3k1g5wD1zccTVySEEh1", K4.publicKeyBase58());
    }

    @Test
    void ed25519ConditionAndFulfillment() throws Exception {
        Ed25519Sha256Fulfillment f = new Ed25519Sha256Fulfillment(K1.publicKey(), K1.sign(MSG));
        assertEquals(
                "ni:///sha-256;SPn_lVGhY_CiWpYTTUoocHC9LPKQFUGnPr-yGK3vPHM?fpt=ed25519-sha-256&cost=131072",
                f.condition().uri());
        assertEquals(
                "pGSAIIqI4910CfGV_VLbLTy6XXLKZwm_HZQSG_N0iAG0D29cgUDhQwxuvQ1TVztcgDRSF0-Jke9ZVeCQagno_ccxBFnpyCpAJSZ0jDQx_n8OX6r79-cDI0eJc0Bj7kK-F68WQ40I",
                f.uri());
        assertEquals(
                "a427802048f9ff9551a163f0a25a96134d4a287070bd2cf2901541a73ebfb218adef3c738103020000",
                Hex.toHexString(f.condition().encoded()));
        assertTrue(f.validate(MSG));
        assertFalse(f.validate("hellp".getBytes(StandardCharsets.US_ASCII)));
        Fulfillments.Decoded d = Fulfillments.fromUri(f.uri());
        assertTrue(d.canonical());
        assertEquals(f, d.fulfillment());
    }

    @Test
    void twoOfThreeThreshold() throws Exception {
        // python: ThresholdSha256(2) with subfulfillments K3 (signed), K1 (signed), subcondition K2
        ThresholdSha256Fulfillment t = new ThresholdSha256Fulfillment(
                List.of(
                        new Ed25519Sha256Fulfillment(K3.publicKey(), K3.sign(MSG)),
                        new Ed25519Sha256Fulfillment(K1.publicKey(), K1.sign(MSG))),
                List.of(Condition.ed25519(K2.publicKey())));
        assertEquals(
                "ni:///sha-256;6xbVvXwInJtSg9YIxRt_FbDIavXYCXtJ1L7t42-xVus?fpt=threshold-sha-256&cost=265216&subtypes=ed25519-sha-256",
                t.condition().uri());
        assertEquals(
                "ooH6oIHMpGSAIIqI4910CfGV_VLbLTy6XXLKZwm_HZQSG_N0iAG0D29cgUDhQwxuvQ1TVztcgDRSF0-Jke9ZVeCQagno_ccxBFnpyCpAJSZ0jDQx_n8OX6r79-cDI0eJc0Bj7kK-F68WQ40IpGSAIO1JKMYo0cLG6ukDOJBZlWEpWSc6XGP5NjbBRhSshzfRgUBanyrIrsvUNWwinyiAzYdVkJ5Lo880Gh_qRjo-7fMG35I3TSFB1d6nArssPJNUUx7jd2rA2PFmyDP-p9jwEUwGoSmkJ4AgxMT0Q-07k-oBlFpESLagja2pSjz92VinG74OiZQGCyCBAwIAAA",
                t.uri());
        assertTrue(t.validate(MSG));
        Fulfillments.Decoded d = Fulfillments.fromUri(t.uri());
        assertTrue(d.canonical());
        assertEquals(t.condition(), d.fulfillment().condition());
        assertEquals(2, ((ThresholdSha256Fulfillment) d.fulfillment()).threshold());
    }

    @Test
    void nestedThreshold() throws Exception {
        ThresholdSha256Fulfillment inner = new ThresholdSha256Fulfillment(
                List.of(
                        new Ed25519Sha256Fulfillment(K3.publicKey(), K3.sign(MSG)),
                        new Ed25519Sha256Fulfillment(K1.publicKey(), K1.sign(MSG))),
                List.of(Condition.ed25519(K2.publicKey())));
        ThresholdSha256Fulfillment outer = new ThresholdSha256Fulfillment(
                List.of(inner, new Ed25519Sha256Fulfillment(K4.publicKey(), K4.sign(MSG))), List.of());
        assertEquals(
                "ni:///sha-256;UTZ4U7DvoeyTsCDR63z9I497En12AOPZKkpoLurNZow?fpt=threshold-sha-256&cost=398336&subtypes=ed25519-sha-256",
                outer.condition().uri());
        assertEquals(
                "a2820169a0820163a281faa081cca46480208a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c8140e1430c6ebd0d53573b5c803452174f8991ef5955e0906a09e8fdc7310459e9c82a402526748c3431fe7f0e5faafbf7e703234789734063ee42be17af16438d08a4648020ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d181405a9f2ac8aecbd4356c229f2880cd8755909e4ba3cf341a1fea463a3eedf306df92374d2141d5dea702bb2c3c9354531ee3776ac0d8f166c833fea7d8f0114c06a129a4278020c4c4f443ed3b93ea01945a4448b6a08dada94a3cfdd958a71bbe0e8994060b208103020000a4648020ca93ac1705187071d67b83c7ff0efe8108e8ec4530575d7726879333dbdabe7c8140d791eb255e5323a7e4927a95e90a82ff65d44d78c898234a1e382c9e630e404482b2d1ed9c2cf51a7e0b07bf881b00027daf709770a8fa7ec55416553c169c07a100",
                Hex.toHexString(outer.encoded()));
        assertTrue(outer.validate(MSG));
    }

    @Test
    void detailsGiveTheSameConditions() throws Exception {
        ObjectNode d = ConditionDetails.thresholdDetails(
                2,
                List.of(
                        ConditionDetails.ed25519Details(K1.publicKeyBase58()),
                        ConditionDetails.ed25519Details(K2.publicKeyBase58()),
                        ConditionDetails.ed25519Details(K3.publicKeyBase58())));
        assertEquals(
                "ni:///sha-256;6xbVvXwInJtSg9YIxRt_FbDIavXYCXtJ1L7t42-xVus?fpt=threshold-sha-256&cost=265216&subtypes=ed25519-sha-256",
                ConditionDetails.toCondition(d, "t").uri());
        assertEquals(
                List.of(K1.publicKeyBase58(), K2.publicKeyBase58(), K3.publicKeyBase58()),
                ConditionDetails.publicKeys(d));
    }

    @Test
    void detailsErrors() {
        ObjectNode tooHigh = ConditionDetails.thresholdDetails(
                3,
                List.of(
                        ConditionDetails.ed25519Details(K1.publicKeyBase58()),
                        ConditionDetails.ed25519Details(K2.publicKeyBase58())));
        assertEquals(
                Rule.INVALID_CONDITION,
                assertThrows(ValidationException.class, () -> ConditionDetails.toCondition(tooHigh, "x"))
                        .rule());
        assertEquals(
                Rule.INVALID_PUBLIC_KEY,
                assertThrows(
                                ValidationException.class,
                                () -> ConditionDetails.toCondition(
                                        ConditionDetails.ed25519Details("1111111111111111111111111111111111111111111"),
                                        "x"))
                        .rule());
        ObjectNode deep = ConditionDetails.ed25519Details(K1.publicKeyBase58());
        for (int i = 0; i < ConditionDetails.MAX_DEPTH; i++) {
            deep = ConditionDetails.thresholdDetails(1, List.of(deep));
        }
        ObjectNode tooDeep = deep;
        assertEquals(
                Rule.THRESHOLD_TOO_DEEP,
                assertThrows(ValidationException.class, () -> ConditionDetails.toCondition(tooDeep, "x"))
                        .rule());
    }

    @Test
    void malformedFulfillments() {
        assertThrows(CryptoConditionException.class, () -> Fulfillments.fromUri(""));
        assertThrows(CryptoConditionException.class, () -> Fulfillments.fromUri("AAAA"));
        assertThrows(CryptoConditionException.class, () -> Fulfillments.fromUri("A"));
        // a preimage-sha-256 fulfillment [0] { preimage [0] } with a second field
        assertThrows(
                CryptoConditionException.class, () -> Fulfillments.fromDer(Hex.decode("a00a80036162638103616263")));
        // ed25519 with a 31-byte key
        byte[] der = new Ed25519Sha256Fulfillment(K1.publicKey(), K1.sign(MSG)).encoded();
        byte[] bad = Hex.decode("a463801f" + Hex.toHexString(der).substring(8, 8 + 62)
                + Hex.toHexString(der).substring(72));
        assertThrows(CryptoConditionException.class, () -> Fulfillments.fromDer(bad));
    }

    @Test
    void theOtherCryptoconditionsTypesAreReadAndValidatedAsVersion080Does() throws Exception {
        // preimage-sha-256 [0] { preimage [0] "abc" }: no signature, valid for any message
        Fulfillments.Decoded p = Fulfillments.fromDer(Hex.decode("a0058003616263"));
        assertTrue(p.canonical());
        assertTrue(p.fulfillment().validate(MSG));
        assertEquals(ConditionType.PREIMAGE_SHA256, p.fulfillment().condition().type());
        // prefix-sha-256 { prefix "ab", maxMessageLength 0 (not checked), ed25519 over "ab" + message }
        byte[] prefixed = ("ab" + new String(MSG, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        PrefixSha256Fulfillment prefix = new PrefixSha256Fulfillment(
                "ab".getBytes(StandardCharsets.US_ASCII),
                0,
                new Ed25519Sha256Fulfillment(K1.publicKey(), K1.sign(prefixed)));
        Fulfillments.Decoded d = Fulfillments.fromUri(prefix.uri());
        assertTrue(d.canonical());
        assertEquals(prefix, d.fulfillment());
        assertTrue(d.fulfillment().validate(MSG));
        assertFalse(d.fulfillment().validate(prefixed));
        assertThrows(CryptoConditionException.class, () -> d.fulfillment().condition());
        // rsa-sha-256 with a modulus that is not an RSA key: invalid, never an exception
        assertFalse(new RsaSha256Fulfillment(new byte[128], new byte[128]).validate(MSG));
    }

    @Test
    void spellingsCryptoconditionsAcceptsDecodeButAreNotCanonical() throws Exception {
        Ed25519Sha256Fulfillment f = new Ed25519Sha256Fulfillment(K1.publicKey(), K1.sign(MSG));
        byte[] der = f.encoded();
        // bytes after the DER value: pyasn1 returns them as a remainder that cryptoconditions drops
        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 2);
        Fulfillments.Decoded t = Fulfillments.fromDer(trailing);
        assertEquals(f, t.fulfillment());
        assertFalse(t.canonical());
        assertFalse(Fulfillments.fromUri(Base64Url.encode(trailing)).canonical());
        // non-zero unused bits in the last base64url character: Python's b64decode ignores them
        // (103 bytes end in a character with 4 unused bits)
        String uri = Base64Url.encode(java.util.Arrays.copyOf(der, der.length + 1));
        char last = uri.charAt(uri.length() - 1);
        String dirty = uri.substring(0, uri.length() - 1) + (char) (last + 1);
        Fulfillments.Decoded d = Fulfillments.fromUri(dirty);
        assertEquals(f, d.fulfillment());
        assertFalse(d.canonical());
        assertTrue(Fulfillments.fromUri(f.uri()).canonical());
    }

    @Test
    void nonCanonicalDerIsFlagged() throws Exception {
        byte[] der = new Ed25519Sha256Fulfillment(K1.publicKey(), K1.sign(MSG)).encoded();
        // long-form length 0x81 0x64 for the outer tag
        byte[] longLen = new byte[der.length + 1];
        longLen[0] = der[0];
        longLen[1] = (byte) 0x81;
        System.arraycopy(der, 1, longLen, 2, der.length - 1);
        Fulfillments.Decoded d = Fulfillments.fromDer(longLen);
        assertFalse(d.canonical());
        assertTrue(d.fulfillment().validate(MSG));
    }

    @Test
    void base58AndBase64Url() {
        assertArrayEquals(new byte[] {0, 0, 1}, Base58.decode("112"));
        assertEquals("112", Base58.encode(new byte[] {0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Base58.decode("0OIl"));
        assertEquals(null, Base58.decodeKey32("abc"));
        assertThrows(
                IllegalArgumentException.class, () -> Base64Url.decode("AB")); // non-zero pad bits ("AA" is canonical)
        assertArrayEquals(new byte[] {0}, Base64Url.decode("AA"));
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AAB"));
        assertArrayEquals(new byte[] {0, 1}, Base64Url.decode("AAE"));
    }

    @Test
    void ed25519FingerprintContentsAreTheDer() throws Exception {
        byte[] pk = K2.publicKey();
        byte[] der = Condition.ed25519FingerprintContentsDer(pk);
        assertEquals("30228020" + Hex.toHexString(pk), Hex.toHexString(der));
        assertArrayEquals(
                net.ledgerd.tx.crypto.Hashes.sha256(der), Condition.ed25519(pk).fingerprint());
    }

    @Test
    void subtypeBits() throws Exception {
        assertEquals(
                "030203",
                Hex.toHexString(Condition.subtypesBitString(0x10).getEncoded()).substring(0, 6));
    }
}
