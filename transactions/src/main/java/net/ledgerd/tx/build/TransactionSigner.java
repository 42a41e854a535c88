package net.ledgerd.tx.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.ledgerd.tx.conditions.Condition;
import net.ledgerd.tx.conditions.ConditionDetails;
import net.ledgerd.tx.conditions.CryptoConditionException;
import net.ledgerd.tx.conditions.Ed25519Sha256Fulfillment;
import net.ledgerd.tx.conditions.Fulfillment;
import net.ledgerd.tx.conditions.ThresholdSha256Fulfillment;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.hashing.SigningBody;
import net.ledgerd.tx.hashing.TxHashes;
import net.ledgerd.tx.model.Fulfills;
import net.ledgerd.tx.validation.ValidationException;

/**
 * Signs a transaction JSON tree in place: sets every input's fulfillment, then the id. Works on
 * any tree (also one edited by hand, which tests use to sign transactions that break other rules).
 */
public final class TransactionSigner {
    private TransactionSigner() {}

    /**
     * @param tx the transaction; its id and fulfillments are overwritten
     * @param inputConditions for each input, the condition details its fulfillment must fulfill
     *     (for CREATE: {@link ConditionDetails#forOwners} of owners_before; for TRANSFER: the spent
     *     output's {@code condition.details})
     * @param keys the private keys to sign with
     */
    public static ObjectNode sign(ObjectNode tx, List<? extends JsonNode> inputConditions, Ed25519KeyPair... keys) {
        return signCanonical(tx, inputConditions, keys).json();
    }

    /** A signed transaction tree and its canonical serialization. */
    public record Signed(ObjectNode json, byte[] bytes) {}

    /**
     * As {@link #sign}, also giving the canonical bytes, from the one serialization taken for the signing messages
     * (see {@link SigningBody}) rather than from serializing the signed tree again.
     */
    public static Signed signCanonical(
            ObjectNode tx, List<? extends JsonNode> inputConditions, Ed25519KeyPair... keys) {
        Map<String, Ed25519KeyPair> byKey = new HashMap<>();
        for (Ed25519KeyPair k : keys) {
            byKey.put(k.publicKeyBase58(), k);
        }
        JsonNode inputs = tx.get("inputs");
        if (inputConditions.size() != inputs.size()) {
            throw new IllegalArgumentException("one condition per input is needed");
        }
        for (JsonNode in : inputs) {
            ((ObjectNode) in).putNull("fulfillment");
        }
        tx.putNull("id");
        SigningBody body = TxHashes.signingBody(tx);
        List<String> uris = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode fl = inputs.get(i).get("fulfills");
            Fulfills fulfills = fl == null || fl.isNull()
                    ? null
                    : new Fulfills(
                            fl.get("transaction_id").asText(),
                            fl.get("output_index").asInt());
            byte[] message = body.inputMessage(fulfills);
            Fulfillment f;
            try {
                f = fulfill(inputConditions.get(i), message, byKey);
            } catch (CryptoConditionException | ValidationException e) {
                throw new IllegalArgumentException("input " + i + ": " + e.getMessage(), e);
            }
            if (f == null) {
                throw new IllegalArgumentException(
                        "input " + i + ": the given keys cannot fulfill condition " + inputConditions.get(i));
            }
            uris.add(f.uri());
        }
        SigningBody.Signed signed = body.sign(uris);
        for (int i = 0; i < inputs.size(); i++) {
            ((ObjectNode) inputs.get(i)).put("fulfillment", uris.get(i));
        }
        tx.put("id", signed.id());
        return new Signed(tx, signed.bytes());
    }

    /**
     * A fulfillment of {@code details} signing {@code message}, or null when the keys do not
     * suffice. In a threshold, the first subconditions the keys can fulfill are signed (as many as
     * the threshold), the others are carried as conditions.
     */
    public static Fulfillment fulfill(JsonNode details, byte[] message, Map<String, Ed25519KeyPair> keys)
            throws CryptoConditionException, ValidationException {
        String type = details.path("type").asText();
        if (type.equals("ed25519-sha-256")) {
            Ed25519KeyPair k = keys.get(details.path("public_key").asText());
            return k == null ? null : new Ed25519Sha256Fulfillment(k.publicKey(), k.sign(message));
        }
        if (type.equals("threshold-sha-256")) {
            int threshold = details.path("threshold").asInt();
            List<Fulfillment> subs = new ArrayList<>();
            List<Condition> conds = new ArrayList<>();
            for (JsonNode sub : details.path("subconditions")) {
                Fulfillment sf = subs.size() < threshold ? fulfill(sub, message, keys) : null;
                if (sf != null) {
                    subs.add(sf);
                } else {
                    conds.add(ConditionDetails.toCondition(sub, "subcondition"));
                }
            }
            return subs.size() < threshold ? null : new ThresholdSha256Fulfillment(subs, conds);
        }
        throw new CryptoConditionException("unsupported condition type '" + type + "'");
    }
}
