package net.ledgerd.tx.conditions;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;

/**
 * {@code thresholdSha256 [2] SEQUENCE { subfulfillments [0] SET OF Fulfillment, subconditions [1]
 * SET OF Condition }}. As in python cryptoconditions 0.8, the threshold is the number of
 * subfulfillments (a minimal fulfillment carries exactly as many as the threshold), and the
 * fulfilled condition is formed from the subfulfillments' conditions together with the
 * subconditions.
 */
public final class ThresholdSha256Fulfillment implements Fulfillment {
    private final List<Fulfillment> subfulfillments;
    private final List<Condition> subconditions;
    private Condition condition;

    public ThresholdSha256Fulfillment(List<Fulfillment> subfulfillments, List<Condition> subconditions) {
        this.subfulfillments = List.copyOf(subfulfillments);
        this.subconditions = List.copyOf(subconditions);
    }

    public int threshold() {
        return subfulfillments.size();
    }

    public List<Fulfillment> subfulfillments() {
        return subfulfillments;
    }

    public List<Condition> subconditions() {
        return subconditions;
    }

    @Override
    public ConditionType type() {
        return ConditionType.THRESHOLD_SHA256;
    }

    @Override
    public Condition condition() throws CryptoConditionException {
        Condition c = condition;
        if (c == null) {
            List<Condition> all = new ArrayList<>(subfulfillments.size() + subconditions.size());
            for (Fulfillment f : subfulfillments) {
                all.add(f.condition());
            }
            all.addAll(subconditions);
            condition = c = Condition.threshold(threshold(), all);
        }
        return c;
    }

    /**
     * Valid when every subfulfillment is valid, as cryptoconditions 0.8.0 decides it: the threshold
     * is the number of subfulfillments, so one with none at all (no signature) is valid.
     */
    @Override
    public boolean validate(byte[] message) {
        for (Fulfillment f : subfulfillments) {
            if (!f.validate(message)) {
                return false;
            }
        }
        return true;
    }

    ASN1Primitive asn1() {
        ASN1EncodableVector fs = new ASN1EncodableVector(subfulfillments.size());
        for (Fulfillment f : subfulfillments) {
            fs.add(Fulfillments.asn1(f));
        }
        ASN1EncodableVector cs = new ASN1EncodableVector(subconditions.size());
        for (Condition c : subconditions) {
            cs.add(c.asn1());
        }
        return Fulfillments.taggedSequence(2, new DERSet(fs), new DERSet(cs));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThresholdSha256Fulfillment f
                && subfulfillments.equals(f.subfulfillments)
                && subconditions.equals(f.subconditions);
    }

    @Override
    public int hashCode() {
        return subfulfillments.hashCode() * 31 + subconditions.hashCode();
    }
}
