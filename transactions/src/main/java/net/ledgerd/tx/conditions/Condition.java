package net.ledgerd.tx.conditions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import net.ledgerd.tx.crypto.Base64Url;
import net.ledgerd.tx.crypto.Hashes;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * A crypto-condition: type, 32-byte fingerprint, cost and (for compound types) subtypes. Immutable.
 *
 * <pre>
 * Condition ::= CHOICE { preimageSha256 [0] Simple, prefixSha256 [1] Compound,
 *                        thresholdSha256 [2] Compound, rsaSha256 [3] Simple, ed25519Sha256 [4] Simple }
 * Simple   ::= SEQUENCE { fingerprint OCTET STRING (SIZE(32)), cost INTEGER (0..4294967295) }
 * Compound ::= SEQUENCE { fingerprint ..., cost ..., subtypes ConditionTypes (BIT STRING) }
 * </pre>
 *
 * (AUTOMATIC TAGS: every field is implicitly tagged [0], [1], [2].) Its URI is
 * {@code ni:///sha-256;<base64url fingerprint>?fpt=<type>&cost=<cost>[&subtypes=<sorted names>]}.
 */
public final class Condition {
    /** Cost of an ed25519-sha-256 condition (python cryptoconditions {@code CONSTANT_COST}). */
    public static final long ED25519_COST = 131072;
    /** Cost a threshold adds per subcondition. */
    public static final long THRESHOLD_COST_PER_SUBCONDITION = 1024;

    public static final long MAX_COST = 0xFFFFFFFFL;
    /** Threshold bounds of ThresholdFingerprintContents: INTEGER (1..65535). */
    public static final int MAX_THRESHOLD = 65535;

    private final ConditionType type;
    private final byte[] fingerprint;
    private final long cost;
    private final int subtypes;
    private byte[] encoded;
    private String uri;

    public Condition(ConditionType type, byte[] fingerprint, long cost, int subtypesMask) {
        if (fingerprint.length != 32) {
            throw new IllegalArgumentException("a fingerprint has 32 bytes");
        }
        if (cost < 0 || cost > MAX_COST) {
            throw new IllegalArgumentException("cost out of range: " + cost);
        }
        this.type = type;
        this.fingerprint = fingerprint.clone();
        this.cost = cost;
        this.subtypes = type.compound() ? subtypesMask & 0x1F : 0;
    }

    private static final int CACHE_LIMIT = 8192;
    private static final java.util.concurrent.ConcurrentHashMap<java.nio.ByteBuffer, Condition> ED25519 =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The condition of an ed25519-sha-256 fulfillment for this 32-byte public key (cached). */
    public static Condition ed25519(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        java.nio.ByteBuffer key = java.nio.ByteBuffer.wrap(publicKey.clone());
        Condition c = ED25519.get(key);
        if (c == null) {
            c = computeEd25519(publicKey);
            c.uri();
            if (ED25519.size() >= CACHE_LIMIT) {
                ED25519.clear();
            }
            ED25519.put(key, c);
        }
        return c;
    }

    private static Condition computeEd25519(byte[] publicKey) {
        // Ed25519FingerprintContents ::= SEQUENCE { publicKey [0] IMPLICIT OCTET STRING (SIZE(32)) },
        // whose DER is always 30 22 80 20 <key> (a test checks it against BouncyCastle's encoder)
        byte[] contents = new byte[36];
        contents[0] = 0x30;
        contents[1] = 0x22;
        contents[2] = (byte) 0x80;
        contents[3] = 0x20;
        System.arraycopy(publicKey, 0, contents, 4, 32);
        return new Condition(ConditionType.ED25519_SHA256, Hashes.sha256(contents), ED25519_COST, 0);
    }

    /** Ed25519FingerprintContents DER built with BouncyCastle (for tests). */
    static byte[] ed25519FingerprintContentsDer(byte[] publicKey) throws IOException {
        return new DERSequence(new DERTaggedObject(false, 0, new DEROctetString(publicKey)))
                .getEncoded(ASN1Encoding.DER);
    }

    /**
     * The condition of a threshold-sha-256 with the given threshold over these subconditions
     * (python cryptoconditions' ThresholdSha256: fingerprint of DER {threshold, SET OF subconditions},
     * cost = the {@code threshold} largest subcondition costs + 1024 per subcondition, subtypes = the
     * subconditions' types and subtypes except threshold-sha-256 itself).
     */
    public static Condition threshold(int threshold, List<Condition> subconditions) throws CryptoConditionException {
        if (threshold < 1 || threshold > MAX_THRESHOLD) {
            throw new CryptoConditionException("threshold " + threshold + " is outside 1.." + MAX_THRESHOLD);
        }
        if (subconditions.size() < threshold) {
            throw new CryptoConditionException(
                    "threshold " + threshold + " needs at least as many subconditions, has " + subconditions.size());
        }
        long[] costs = new long[subconditions.size()];
        int subtypes = 0;
        ASN1EncodableVector set = new ASN1EncodableVector(subconditions.size());
        for (int i = 0; i < costs.length; i++) {
            Condition c = subconditions.get(i);
            costs[i] = c.cost;
            subtypes |= c.subtypes | c.type.bit();
            set.add(c.asn1());
        }
        subtypes &= ~ConditionType.THRESHOLD_SHA256.bit();
        Arrays.sort(costs);
        long cost = 0;
        for (int i = costs.length - threshold; i < costs.length; i++) {
            cost += costs[i];
        }
        cost += THRESHOLD_COST_PER_SUBCONDITION * costs.length;
        if (cost > MAX_COST) {
            throw new CryptoConditionException("threshold condition cost " + cost + " exceeds " + MAX_COST);
        }
        byte[] contents;
        try {
            contents = new DERSequence(new ASN1Encodable[] {
                        new DERTaggedObject(false, 0, new ASN1Integer(threshold)),
                        new DERTaggedObject(false, 1, new DERSet(set))
                    })
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Condition(ConditionType.THRESHOLD_SHA256, Hashes.sha256(contents), cost, subtypes);
    }

    public ConditionType type() {
        return type;
    }

    public byte[] fingerprint() {
        return fingerprint.clone();
    }

    public long cost() {
        return cost;
    }

    /** Bit i set when the type with id i is a subtype. */
    public int subtypesMask() {
        return subtypes;
    }

    public List<ConditionType> subtypes() {
        List<ConditionType> out = new ArrayList<>();
        for (ConditionType t : ConditionType.values()) {
            if ((subtypes & t.bit()) != 0) {
                out.add(t);
            }
        }
        return out;
    }

    /** The condition URI, as python cryptoconditions' {@code Condition.serialize_uri}. */
    public String uri() {
        String u = uri;
        if (u == null) {
            StringBuilder sb = new StringBuilder(120)
                    .append("ni:///sha-256;")
                    .append(Base64Url.encode(fingerprint))
                    .append("?fpt=")
                    .append(type.typeName())
                    .append("&cost=")
                    .append(cost);
            if (type.compound()) {
                // names sorted alphabetically, as sorted(self.subtypes) in Python
                List<String> names = new ArrayList<>();
                for (ConditionType t : subtypes()) {
                    names.add(t.typeName());
                }
                names.sort(null);
                StringJoiner j = new StringJoiner(",");
                names.forEach(j::add);
                sb.append("&subtypes=").append(j);
            }
            uri = u = sb.toString();
        }
        return u;
    }

    /** DER encoding of this condition (the binary form used inside thresholds). */
    public byte[] encoded() {
        byte[] e = encoded;
        if (e == null) {
            try {
                e = asn1().getEncoded(ASN1Encoding.DER);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            encoded = e;
        }
        return e.clone();
    }

    ASN1Primitive asn1() {
        ASN1EncodableVector v = new ASN1EncodableVector(3);
        v.add(new DERTaggedObject(false, 0, new DEROctetString(fingerprint)));
        v.add(new DERTaggedObject(false, 1, new ASN1Integer(cost)));
        if (type.compound()) {
            v.add(new DERTaggedObject(false, 2, subtypesBitString(subtypes)));
        }
        return new DERTaggedObject(false, type.id(), new DERSequence(v));
    }

    /** ConditionTypes as DER: bit i for type id i, trailing zero bits dropped (named bit list). */
    static DERBitString subtypesBitString(int mask) {
        if (mask == 0) {
            return new DERBitString(new byte[0], 0);
        }
        int highest = 31 - Integer.numberOfLeadingZeros(mask);
        int nbits = highest + 1;
        int b = 0;
        for (int i = 0; i < nbits; i++) {
            if ((mask & (1 << i)) != 0) {
                b |= 0x80 >>> i;
            }
        }
        return new DERBitString(new byte[] {(byte) b}, 8 - nbits);
    }

    /** Decodes a condition from its ASN.1 form (a context-tagged CHOICE). */
    static Condition fromAsn1(ASN1Primitive p) throws CryptoConditionException {
        if (!(p instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
            throw new CryptoConditionException("a condition must be a context-tagged choice");
        }
        ConditionType type = ConditionType.byId(t.getTagNo());
        if (type == null) {
            throw new CryptoConditionException("unknown condition type id " + t.getTagNo());
        }
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(t, false);
            if (seq.size() != (type.compound() ? 3 : 2)) {
                throw new CryptoConditionException("a " + type.typeName() + " condition has "
                        + (type.compound() ? 3 : 2) + " fields, found " + seq.size());
            }
            byte[] fp = ASN1OctetString.getInstance(field(seq, 0), false).getOctets();
            if (fp.length != 32) {
                throw new CryptoConditionException("a condition fingerprint has 32 bytes, found " + fp.length);
            }
            java.math.BigInteger cost =
                    ASN1Integer.getInstance(field(seq, 1), false).getValue();
            if (cost.signum() < 0 || cost.bitLength() > 32) {
                throw new CryptoConditionException("condition cost out of range 0..4294967295");
            }
            int mask = 0;
            if (type.compound()) {
                ASN1BitString bits = ASN1BitString.getInstance(field(seq, 2), false);
                byte[] bytes = bits.getBytes();
                int nbits = bytes.length * 8 - bits.getPadBits();
                for (int i = 0; i < nbits; i++) {
                    if ((bytes[i / 8] & (0x80 >>> (i % 8))) != 0) {
                        if (i > 4) {
                            throw new CryptoConditionException("condition subtypes name an unknown type id " + i);
                        }
                        mask |= 1 << i;
                    }
                }
            }
            return new Condition(type, fp, cost.longValue(), mask);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new CryptoConditionException("malformed " + type.typeName() + " condition: " + e.getMessage());
        }
    }

    static ASN1TaggedObject field(ASN1Sequence seq, int tag) throws CryptoConditionException {
        ASN1Encodable e = seq.getObjectAt(tag);
        if (!(e instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC || t.getTagNo() != tag) {
            throw new CryptoConditionException("expected field [" + tag + "]");
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c
                && type == c.type
                && cost == c.cost
                && subtypes == c.subtypes
                && Arrays.equals(fingerprint, c.fingerprint);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fingerprint);
    }

    @Override
    public String toString() {
        return uri();
    }
}
