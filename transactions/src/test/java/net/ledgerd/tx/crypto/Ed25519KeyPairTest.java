package net.ledgerd.tx.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ed25519KeyPairTest {
    /** Found with PyNaCl: its public key is 42 base58 characters, which 2.2.2's schema refuses. */
    private static final byte[] SHORT_KEY_SEED =
            HexFormat.of().parseHex("f39b031483eb5470c6b2f6cc2c8fbcf0c9c13b36e0d0afc93edfbda61aeba37e");

    private static final byte[] ORDINARY_SEED = new byte[32];

    @Test
    void aSeedWhosePublicKeyIsTooShortForBigchainDbIsSkipped() {
        assertEquals(
                "1vuSKHTK5Nn2mH5ieJzs7mczTebL5yaMpsc7TKGRnX",
                Ed25519KeyPair.fromSeed(SHORT_KEY_SEED).publicKeyBase58());
        Iterator<byte[]> seeds = List.of(SHORT_KEY_SEED, ORDINARY_SEED).iterator();
        Ed25519KeyPair pair = Ed25519KeyPair.generate(seeds::next);
        assertArrayEquals(ORDINARY_SEED, pair.seed());
    }
}
