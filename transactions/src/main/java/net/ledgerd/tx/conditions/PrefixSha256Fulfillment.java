package net.ledgerd.tx.conditions;

import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * {@code prefixSha256 [1] SEQUENCE { prefix [0] OCTET STRING, maxMessageLength [1] INTEGER
 * (0..4294967295), subfulfillment [2] Fulfillment }}. As cryptoconditions 0.8.0 validates it: the
 * subfulfillment validates prefix + message (maxMessageLength is not checked). Only read so that
 * consensus agrees with BigchainDB 2.2.2 on CREATEs fulfilled by one; its condition is not formed
 * (no output condition BigchainDB's details describe can be a prefix condition).
 */
public final class PrefixSha256Fulfillment implements Fulfillment {
    private final byte[] prefix;
    private final long maxMessageLength;
    private final Fulfillment subfulfillment;

    public PrefixSha256Fulfillment(byte[] prefix, long maxMessageLength, Fulfillment subfulfillment) {
        this.prefix = prefix.clone();
        this.maxMessageLength = maxMessageLength;
        this.subfulfillment = subfulfillment;
    }

    @Override
    public ConditionType type() {
        return ConditionType.PREFIX_SHA256;
    }

    @Override
    public Condition condition() throws CryptoConditionException {
        throw new CryptoConditionException(
                "prefix-sha-256 conditions are not supported; outputs hold ed25519-sha-256 or threshold-sha-256");
    }

    @Override
    public boolean validate(byte[] message) {
        byte[] prefixed = Arrays.copyOf(prefix, prefix.length + message.length);
        System.arraycopy(message, 0, prefixed, prefix.length, message.length);
        return subfulfillment.validate(prefixed);
    }

    ASN1Primitive asn1() {
        return new DERTaggedObject(false, 1, new DERSequence(new ASN1Encodable[] {
            new DERTaggedObject(false, 0, new DEROctetString(prefix)),
            new DERTaggedObject(false, 1, new ASN1Integer(maxMessageLength)),
            new DERTaggedObject(true, 2, Fulfillments.asn1(subfulfillment))
        }));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrefixSha256Fulfillment f
                && Arrays.equals(prefix, f.prefix)
                && maxMessageLength == f.maxMessageLength
                && subfulfillment.equals(f.subfulfillment);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(prefix) * 31 + subfulfillment.hashCode();
    }
}
