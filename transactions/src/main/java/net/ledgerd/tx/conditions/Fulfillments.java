package net.ledgerd.tx.conditions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.ledgerd.tx.crypto.Base64Url;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

/** Reads and writes fulfillments in their DER and URI (base64url of DER) forms. */
public final class Fulfillments {
    private Fulfillments() {}

    /** Nesting limit for thresholds inside fulfillments (as BigchainDB's for condition details). */
    public static final int MAX_DEPTH = 100;

    /** A decoded fulfillment, and whether its bytes were the canonical DER encoding of it. */
    public record Decoded(Fulfillment fulfillment, boolean canonical) {}

    /** Decodes the base64url (no padding) text of a transaction input's {@code fulfillment}. */
    public static Decoded fromUri(String uri) throws CryptoConditionException {
        byte[] der;
        try {
            der = Base64Url.decode(uri);
        } catch (IllegalArgumentException e) {
            throw new CryptoConditionException("the fulfillment is not base64url: " + e.getMessage());
        }
        return fromDer(der);
    }

    /** Decodes DER bytes; trailing bytes after the fulfillment are refused. */
    public static Decoded fromDer(byte[] der) throws CryptoConditionException {
        if (der.length == 0) {
            throw new CryptoConditionException("the fulfillment is empty");
        }
        Fulfillment simple = canonicalEd25519(der);
        if (simple != null) {
            return new Decoded(simple, true);
        }
        ASN1Primitive p;
        try {
            p = ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            throw new CryptoConditionException("the fulfillment is not DER: " + e.getMessage());
        }
        Fulfillment f = fromAsn1(p, 0);
        boolean canonical = Arrays.equals(f.encoded(), der);
        return new Decoded(f, canonical);
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
                default ->
                    throw new CryptoConditionException("fulfillments of type " + type.typeName()
                            + " are not supported; use ed25519-sha-256 or threshold-sha-256");
            }
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new CryptoConditionException("malformed " + type.typeName() + " fulfillment: " + e.getMessage());
        }
    }

    static ASN1Primitive asn1(Fulfillment f) {
        if (f instanceof Ed25519Sha256Fulfillment e) {
            return e.asn1();
        }
        return ((ThresholdSha256Fulfillment) f).asn1();
    }
}
