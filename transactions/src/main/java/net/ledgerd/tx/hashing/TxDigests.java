package net.ledgerd.tx.hashing;

import java.nio.charset.StandardCharsets;
import net.ledgerd.tx.model.Fulfills;
import org.bouncycastle.crypto.digests.SHA3Digest;

/**
 * Both digests of one transaction, from a single serialization: the id it must carry and the
 * SHA3-256 state over its signing body, from which each input's message is finished.
 */
public final class TxDigests {
    private final String id;
    private final SHA3Digest signingState;

    TxDigests(String id, SHA3Digest signingState) {
        this.id = id;
        this.signingState = signingState;
    }

    /** The id the transaction must carry (SHA3-256 hex of the canonical body with id null). */
    public String id() {
        return id;
    }

    /** The 32-byte message the fulfillment of an input with this {@code fulfills} (null for CREATE) signs. */
    public byte[] inputMessage(Fulfills fulfills) {
        return inputMessage(signingState, fulfills);
    }

    /** The message of an input, finished from a copy of the signing state (which stays as it is). */
    static byte[] inputMessage(SHA3Digest signingState, Fulfills fulfills) {
        SHA3Digest d = new SHA3Digest(signingState);
        if (fulfills != null) {
            byte[] suffix = fulfills.signingSuffix().getBytes(StandardCharsets.UTF_8);
            d.update(suffix, 0, suffix.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
