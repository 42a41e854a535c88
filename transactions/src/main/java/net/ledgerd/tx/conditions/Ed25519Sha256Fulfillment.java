package net.ledgerd.tx.conditions;

import java.util.Arrays;
import net.ledgerd.tx.crypto.Ed25519;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;

/**
 * {@code ed25519Sha256 [4] SEQUENCE { publicKey [0] OCTET STRING (SIZE(32)), signature [1] OCTET
 * STRING (SIZE(64)) }}.
 */
public final class Ed25519Sha256Fulfillment implements Fulfillment {
    private final byte[] publicKey;
    private final byte[] signature;
    private Condition condition;

    public Ed25519Sha256Fulfillment(byte[] publicKey, byte[] signature) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        if (signature.length != 64) {
            throw new IllegalArgumentException("an Ed25519 signature has 64 bytes");
        }
        this.publicKey = publicKey.clone();
        this.signature = signature.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public ConditionType type() {
        return ConditionType.ED25519_SHA256;
    }

    @Override
    public Condition condition() {
        Condition c = condition;
        if (c == null) {
            condition = c = Condition.ed25519(publicKey);
        }
        return c;
    }

    @Override
    public boolean validate(byte[] message) {
        return Ed25519.verify(publicKey, signature, message);
    }

    ASN1Primitive asn1() {
        return Fulfillments.taggedSequence(4, new DEROctetString(publicKey), new DEROctetString(signature));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519Sha256Fulfillment f
                && Arrays.equals(publicKey, f.publicKey)
                && Arrays.equals(signature, f.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }
}
