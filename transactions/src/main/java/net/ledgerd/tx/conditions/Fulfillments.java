package net.ledgerd.tx.conditions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.ledgerd.tx.crypto.Base64Url;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

/** Reads and writes fulfillments in their DER and URI (base64url of DER) forms. */
public final class Fulfillments {
    private Fulfillments() {}

    /**
     * A fulfillment's DER shape in draft-thomas-crypto-conditions-03: its type's context tag around a
     * SEQUENCE whose fields carry implicit context tags 0, 1, ... in order.
     */
    static ASN1Primitive taggedSequence(int type, ASN1Encodable... fields) {
        ASN1Encodable[] tagged = new ASN1Encodable[fields.length];
        for (int i = 0; i < fields.length; i++) {
            tagged[i] = new DERTaggedObject(false, i, fields[i]);
        }
        return new DERTaggedObject(false, type, new DERSequence(tagged));
    }

    /** Nesting limit for thresholds inside fulfillments (as BigchainDB's for condition details). */
    public static final int MAX_DEPTH = 100;

    /**
     * A decoded fulfillment, and whether its text was the one canonical form of it (base64url of
     * DER without padding, no trailing bytes, SET OF sorted, minimal lengths). BigchainDB 2.2.2
     * accepts the other spellings too; refusing them is mempool policy only.
     */
    public record Decoded(Fulfillment fulfillment, boolean canonical) {}

    /**
     * Decodes the base64url text of a transaction input's {@code fulfillment} as cryptoconditions
     * 0.8.0's {@code Fulfillment.from_uri} does: padding added, unused bits of the last character
     * ignored, one DER value read and any bytes after it ignored (pyasn1's decoder returns them as
     * a remainder that cryptoconditions drops).
     */
    public static Decoded fromUri(String uri) throws CryptoConditionException {
        byte[] der;
        try {
            der = Base64Url.decodeLenient(uri);
        } catch (IllegalArgumentException e) {
            throw new CryptoConditionException("the fulfillment is not base64url: " + e.getMessage());
        }
        Fulfillment simple = canonicalEd25519(der);
        if (simple != null) {
            return new Decoded(simple, Base64Url.encode(der).equals(uri));
        }
        Fulfillment f = fromAsn1(firstValue(der), 0);
        return new Decoded(f, f.uri().equals(uri));
    }

    /** Decodes DER bytes (see {@link #fromUri}: bytes after the first value are ignored). */
    public static Decoded fromDer(byte[] der) throws CryptoConditionException {
        Fulfillment simple = canonicalEd25519(der);
        if (simple != null) {
            return new Decoded(simple, true);
        }
        Fulfillment f = fromAsn1(firstValue(der), 0);
        return new Decoded(f, Arrays.equals(f.encoded(), der));
    }

    private static ASN1Primitive firstValue(byte[] der) throws CryptoConditionException {
        if (der.length == 0) {
            throw new CryptoConditionException("the fulfillment is empty");
        }
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive p = in.readObject();
            if (p == null) {
                throw new CryptoConditionException("the fulfillment holds no DER value");
            }
            return p;
        } catch (IOException | RuntimeException e) {
            throw new CryptoConditionException("the fulfillment is not DER: " + e.getMessage());
        }
    }

    /**
     * The one layout almost every input has: the canonical DER of an ed25519-sha-256 fulfillment,
     * {@code A4 64 80 20 <public key> 81 40 <signature>}. Recognised without building ASN.1 objects
     * (it is canonical by construction); anything else goes through the general decoder.
     */
    private static Fulfillment canonicalEd25519(byte[] der) {
        if (der.length != 102
                || (der[0] & 0xFF) != 0xA4
                || der[1] != 0x64
                || (der[2] & 0xFF) != 0x80
                || der[3] != 0x20
                || (der[36] & 0xFF) != 0x81
                || der[37] != 0x40) {
            return null;
        }
        return new Ed25519Sha256Fulfillment(Arrays.copyOfRange(der, 4, 36), Arrays.copyOfRange(der, 38, 102));
    }

    static Fulfillment fromAsn1(ASN1Primitive p, int depth) throws CryptoConditionException {
        if (depth >= MAX_DEPTH) {
            throw new CryptoConditionException("thresholds nested " + MAX_DEPTH + " or more levels deep");
        }
        if (!(p instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
            throw new CryptoConditionException("a fulfillment must be a context-tagged choice");
        }
        ConditionType type = ConditionType.byId(t.getTagNo());
        if (type == null) {
            throw new CryptoConditionException("unknown fulfillment type id " + t.getTagNo());
        }
        try {
            switch (type) {
                case ED25519_SHA256 -> {
                    ASN1Sequence seq = ASN1Sequence.getInstance(t, false);
                    if (seq.size() != 2) {
                        throw new CryptoConditionException(
                                "an ed25519-sha-256 fulfillment has 2 fields, found " + seq.size());
                    }
                    byte[] pk = ASN1OctetString.getInstance(Condition.field(seq, 0), false)
                            .getOctets();
                    byte[] sig = ASN1OctetString.getInstance(Condition.field(seq, 1), false)
                            .getOctets();
                    if (pk.length != 32) {
                        throw new CryptoConditionException("an Ed25519 public key has 32 bytes, found " + pk.length);
                    }
                    if (sig.length != 64) {
                        throw new CryptoConditionException("an Ed25519 signature has 64 bytes, found " + sig.length);
                    }
                    return new Ed25519Sha256Fulfillment(pk, sig);
                }
                case THRESHOLD_SHA256 -> {
                    ASN1Sequence seq = ASN1Sequence.getInstance(t, false);
                    if (seq.size() != 2) {
                        throw new CryptoConditionException(
                                "a threshold-sha-256 fulfillment has 2 fields, found " + seq.size());
                    }
                    ASN1Set fs = ASN1Set.getInstance(Condition.field(seq, 0), false);
                    ASN1Set cs = ASN1Set.getInstance(Condition.field(seq, 1), false);
                    List<Fulfillment> subs = new ArrayList<>(fs.size());
                    for (ASN1Encodable e : fs) {
                        subs.add(fromAsn1(e.toASN1Primitive(), depth + 1));
                    }
                    List<Condition> conds = new ArrayList<>(cs.size());
                    for (ASN1Encodable e : cs) {
                        conds.add(Condition.fromAsn1(e.toASN1Primitive()));
                    }
                    return new ThresholdSha256Fulfillment(subs, conds);
                }
                case PREIMAGE_SHA256 -> {
                    ASN1Sequence seq = ASN1Sequence.getInstance(t, false);
                    if (seq.size() != 1) {
                        throw new CryptoConditionException(
                                "a preimage-sha-256 fulfillment has 1 field, found " + seq.size());
                    }
                    return new PreimageSha256Fulfillment(ASN1OctetString.getInstance(Condition.field(seq, 0), false)
                            .getOctets());
                }
                case PREFIX_SHA256 -> {
                    ASN1Sequence seq = ASN1Sequence.getInstance(t, false);
                    if (seq.size() != 3) {
                        throw new CryptoConditionException(
                                "a prefix-sha-256 fulfillment has 3 fields, found " + seq.size());
                    }
                    byte[] prefix = ASN1OctetString.getInstance(Condition.field(seq, 0), false)
                            .getOctets();
                    java.math.BigInteger max = ASN1Integer.getInstance(Condition.field(seq, 1), false)
                            .getValue();
                    if (max.signum() < 0 || max.bitLength() > 32) {
                        throw new CryptoConditionException("maxMessageLength out of range 0..4294967295");
                    }
                    ASN1TaggedObject sub = Condition.field(seq, 2);
                    if (!sub.isExplicit()) {
                        throw new CryptoConditionException("the prefix subfulfillment must be a tagged choice");
                    }
                    return new PrefixSha256Fulfillment(
                            prefix,
                            max.longValue(),
                            fromAsn1(sub.getBaseObject().toASN1Primitive(), depth + 1));
                }
                case RSA_SHA256 -> {
                    ASN1Sequence seq = ASN1Sequence.getInstance(t, false);
                    if (seq.size() != 2) {
                        throw new CryptoConditionException(
                                "an rsa-sha-256 fulfillment has 2 fields, found " + seq.size());
                    }
                    return new RsaSha256Fulfillment(
                            ASN1OctetString.getInstance(Condition.field(seq, 0), false)
                                    .getOctets(),
                            ASN1OctetString.getInstance(Condition.field(seq, 1), false)
                                    .getOctets());
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new CryptoConditionException("malformed " + type.typeName() + " fulfillment: " + e.getMessage());
        }
        throw new IllegalStateException("every condition type is handled above, not " + type);
    }

    static ASN1Primitive asn1(Fulfillment f) {
        if (f instanceof Ed25519Sha256Fulfillment e) {
            return e.asn1();
        }
        if (f instanceof ThresholdSha256Fulfillment t) {
            return t.asn1();
        }
        if (f instanceof PreimageSha256Fulfillment p) {
            return p.asn1();
        }
        if (f instanceof PrefixSha256Fulfillment p) {
            return p.asn1();
        }
        return ((RsaSha256Fulfillment) f).asn1();
    }
}
