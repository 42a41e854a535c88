package net.ledgerd.tx.conditions;

/**
 * A crypto-condition fulfillment. Only the two types BigchainDB transactions use are supported:
 * ed25519-sha-256 and threshold-sha-256 (which may nest).
 */
public sealed interface Fulfillment permits Ed25519Sha256Fulfillment, ThresholdSha256Fulfillment {

    ConditionType type();

    /** The condition this fulfillment fulfills (derived from it, as every crypto-condition allows). */
    Condition condition() throws CryptoConditionException;

    /** True when the fulfillment is valid for {@code message} (all signatures verify). */
    boolean validate(byte[] message);

    /** DER encoding. */
    default byte[] encoded() {
        try {
            return Fulfillments.asn1(this).getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** base64url of the DER without padding: the form in a transaction input's {@code fulfillment}. */
    default String uri() {
        return net.ledgerd.tx.crypto.Base64Url.encode(encoded());
    }
}
