package net.ledgerd.tx.conditions;

/**
 * A crypto-condition fulfillment. BigchainDB transactions use ed25519-sha-256 and
 * threshold-sha-256 (which may nest); the other three types of cryptoconditions 0.8.0
 * (preimage-sha-256, prefix-sha-256, rsa-sha-256) are read too, because BigchainDB 2.2.2 commits a
 * CREATE whose fulfillment is one of them and validates.
 */
public sealed interface Fulfillment
        permits Ed25519Sha256Fulfillment,
                ThresholdSha256Fulfillment,
                PreimageSha256Fulfillment,
                PrefixSha256Fulfillment,
                RsaSha256Fulfillment {

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
