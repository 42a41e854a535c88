package net.ledgerd.tx.conditions;

import java.util.Arrays;
import net.ledgerd.tx.crypto.Hashes;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;

/**
 * {@code preimageSha256 [0] SEQUENCE { preimage [0] OCTET STRING }}: a hashlock. It holds no
 * signature; cryptoconditions 0.8.0 calls it valid for any message, so BigchainDB 2.2.2 commits a
 * CREATE fulfilled by one (or by a threshold holding one). Only read so that consensus agrees.
 */
public final class PreimageSha256Fulfillment implements Fulfillment {
    private final byte[] preimage;

    public PreimageSha256Fulfillment(byte[] preimage) {
        this.preimage = preimage.clone();
    }

    @Override
    public ConditionType type() {
        return ConditionType.PREIMAGE_SHA256;
    }

    /** Fingerprint SHA-256 of the preimage, cost its length in bytes. */
    @Override
    public Condition condition() {
        return new Condition(ConditionType.PREIMAGE_SHA256, Hashes.sha256(preimage), preimage.length, 0);
    }

    @Override
    public boolean validate(byte[] message) {
        return true;
    }

    ASN1Primitive asn1() {
        return Fulfillments.taggedSequence(0, new DEROctetString(preimage));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreimageSha256Fulfillment f && Arrays.equals(preimage, f.preimage);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(preimage);
    }
}
