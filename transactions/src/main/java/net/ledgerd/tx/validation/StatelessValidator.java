package net.ledgerd.tx.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.ledgerd.tx.conditions.Condition;
import net.ledgerd.tx.conditions.ConditionDetails;
import net.ledgerd.tx.conditions.CryptoConditionException;
import net.ledgerd.tx.conditions.Fulfillment;
import net.ledgerd.tx.model.Fulfills;
import net.ledgerd.tx.model.Input;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;

/**
 * The checks of BigchainDB 2.2.2 that need no ledger state, each on its own, and ledgerd's stricter
 * mempool policy ({@link #validateMempoolPolicy}: output uri matches its details, canonical
 * fulfillment text, CREATE signed by its owners_before), which CheckTx applies and DeliverTx must
 * not. {@link Validator} runs them in BigchainDB's order. A {@link Transaction} has already passed
 * the v2.0 schema (it can only be made by parsing).
 */
public final class StatelessValidator {
    private StatelessValidator() {}

    /** MongoDB text-search languages BigchainDB accepts for a "language" key ({@code backend/schema.py}). */
    public static final Set<String> VALID_LANGUAGES = Set.of(
            "danish",
            "dutch",
            "english",
            "finnish",
            "french",
            "german",
            "hungarian",
            "italian",
            "norwegian",
            "portuguese",
            "romanian",
            "russian",
            "spanish",
            "swedish",
            "turkish",
            "none",
            "da",
            "nl",
            "en",
            "fi",
            "fr",
            "de",
            "hu",
            "it",
            "nb",
            "pt",
            "ro",
            "ru",
            "es",
            "sv",
            "tr");

    /**
     * The rules that are local mempool policy ({@link Rule#mempoolPolicy()}): stricter than
     * BigchainDB 2.2.2, applied by CheckTx and the HTTP API only, never in DeliverTx.
     */
    public static void validateMempoolPolicy(Transaction tx) throws ValidationException {
        if (tx.duplicateKeys()) {
            throw new ValidationException(
                    Rule.DUPLICATE_KEY,
                    "an object in the transaction repeats a key; send each key once (BigchainDB keeps the last"
                            + " value, which makes two texts of one transaction)");
        }
        validateOutputConditions(tx);
        validateFulfillmentEncodings(tx);
        if (tx.operation().createLike()) {
            validateCreateSigner(tx);
        }
    }

    /** {@link Rule#INVALID_ID}: the id must be the SHA3-256 of the canonical body with id null. */
    public static void validateId(Transaction tx) throws ValidationException {
        String expected = tx.digests().id();
        if (!expected.equals(tx.id())) {
            throw new ValidationException(
                    Rule.INVALID_ID,
                    "the transaction's id '" + tx.id()
                            + "' is not the SHA3-256 of its canonical body with id null (that is " + expected
                            + "); compute the id after signing, over the sorted-key, no-whitespace JSON");
        }
    }

    /**
     * {@link Rule#FORBIDDEN_KEY} then {@link Rule#INVALID_LANGUAGE}, over asset data and metadata
     * ({@code validate_txn_obj(..., validate_key)} and {@code validate_language_key}).
     */
    public static void validateKeys(Transaction tx) throws ValidationException {
        JsonNode data = tx.operation().createLike() ? tx.assetData() : null;
        JsonNode metadata = tx.metadata();
        if (data != null) {
            checkKeys("asset", data, "$.asset.data");
        }
        checkKeys("metadata", metadata, "$.metadata");
        if (data != null) {
            checkLanguage(data, "$.asset.data");
        }
        checkLanguage(metadata, "$.metadata");
    }

    /**
     * True for a key MongoDB cannot store as a field name, as BigchainDB's {@code validate_key}
     * (regex {@code ^[$]|\.|\x00}): starts with '$', or contains '.' or NUL.
     */
    public static boolean isForbiddenKey(String key) {
        return key.startsWith("$") || key.indexOf('.') >= 0 || key.indexOf('\0') >= 0;
    }

    private static void checkKeys(String objName, JsonNode node, String path) throws ValidationException {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (isForbiddenKey(key)) {
                    throw new ValidationException(
                            Rule.FORBIDDEN_KEY,
                            "invalid key name \"" + printable(key)
                                    + "\" in " + objName + " object at " + path
                                    + ": a key name cannot start with \"$\" or contain"
                                    + " \".\" or null characters; rename the key");
                }
                JsonNode v = e.getValue();
                if (v.isContainerNode()) {
                    checkKeys(objName, v, path + "." + key);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                if (v.isContainerNode()) {
                    checkKeys(objName, v, path + "[" + i + "]");
                }
            }
        }
    }

    private static void checkLanguage(JsonNode node, String path) throws ValidationException {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (e.getKey().equals("language")) {
                    if (!v.isTextual() || !VALID_LANGUAGES.contains(v.textValue())) {
                        throw new ValidationException(
                                Rule.INVALID_LANGUAGE,
                                "MongoDB does not support text search for the"
                                        + " language " + SchemaV2.describe(v) + " at " + path + ".language; use one of "
                                        + String.join(", ", new java.util.TreeSet<>(VALID_LANGUAGES))
                                        + ", or rename the key to something else such as \"lang\"");
                    }
                } else if (v.isContainerNode()) {
                    checkLanguage(v, path + "." + e.getKey());
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                if (v.isContainerNode()) {
                    checkLanguage(v, path + "[" + i + "]");
                }
            }
        }
    }

    /**
     * Mempool policy: each output's details must form a condition ({@link Rule#INVALID_CONDITION})
     * whose uri is its {@code condition.uri} ({@link Rule#OUTPUT_CONDITION_MISMATCH}).
     */
    public static void validateOutputConditions(Transaction tx) throws ValidationException {
        List<Output> outs = tx.outputs();
        for (int i = 0; i < outs.size(); i++) {
            Output o = outs.get(i);
            if (o.condition() == null) {
                throw new ValidationException(
                        Rule.INVALID_CONDITION,
                        "output " + i + ": condition.details form no condition (a threshold needs at least as many"
                                + " subconditions); such an output could never be spent");
            }
            String derived = o.condition().uri();
            if (!derived.equals(o.conditionUri())) {
                throw new ValidationException(
                        Rule.OUTPUT_CONDITION_MISMATCH,
                        "output " + i + ": condition.uri '" + o.conditionUri()
                                + "' is not the uri of condition.details, which is '" + derived + "'");
            }
        }
    }

    /** {@link Rule#DUPLICATE_INPUT}: no output may be spent twice by one transaction. */
    public static void validateDistinctInputs(Transaction tx) throws ValidationException {
        List<Input> ins = tx.inputs();
        if (ins.size() < 2) {
            return;
        }
        Set<Fulfills> seen = new HashSet<>();
        for (int i = 0; i < ins.size(); i++) {
            Fulfills f = ins.get(i).fulfills();
            if (f != null && !seen.add(f)) {
                throw new ValidationException(
                        Rule.DUPLICATE_INPUT,
                        "tx \"" + tx.id() + "\" spends inputs twice: input " + i + " spends output " + f.outputIndex()
                                + " of " + f.transactionId() + " again");
            }
        }
    }

    /** {@link Rule#NON_CANONICAL_FULFILLMENT}: each signed fulfillment must be in canonical DER. */
    public static void validateFulfillmentEncodings(Transaction tx) throws ValidationException {
        List<Input> ins = tx.inputs();
        for (int i = 0; i < ins.size(); i++) {
            Input in = ins.get(i);
            if (in.fulfillment() != null && !in.canonicalFulfillment()) {
                throw new ValidationException(
                        Rule.NON_CANONICAL_FULFILLMENT,
                        "input " + i
                                + ": the fulfillment is not in canonical DER (expected "
                                + in.fulfillment().uri()
                                + "); re-encode it (SET OF sorted, minimal lengths)");
            }
        }
    }

    /**
     * CREATE, as BigchainDB 2.2.2 checks it: the input must be signed and its fulfillment must
     * validate the signing message ({@link Rule#INVALID_SIGNATURE}). Nothing ties the fulfillment
     * to owners_before here; that is {@link #validateCreateSigner}, mempool policy.
     */
    public static void validateCreateFulfillment(Transaction tx) throws ValidationException {
        Fulfillment f = requireSigned(tx.inputs().get(0), 0);
        byte[] message = tx.digests().inputMessage(null);
        if (!f.validate(message)) {
            throw new ValidationException(
                    Rule.INVALID_SIGNATURE,
                    "input 0: the fulfillment does not validate: the"
                            + " signature is not over this transaction (sign the SHA3-256 of the canonical body with id and"
                            + " fulfillments null)");
        }
    }

    /**
     * Mempool policy {@link Rule#CREATE_SIGNER_MISMATCH} ("unauthenticated issuer"): a CREATE's
     * fulfillment must be for the condition of its owners_before (one key: that key's ed25519
     * condition; several: an n-of-n threshold of them, as the drivers build it).
     */
    public static void validateCreateSigner(Transaction tx) throws ValidationException {
        Input in = tx.inputs().get(0);
        Fulfillment f = requireSigned(in, 0);
        Condition expected = ownersCondition(in.ownersBefore());
        Condition actual;
        try {
            actual = f.condition();
        } catch (CryptoConditionException e) {
            throw new ValidationException(
                    Rule.CREATE_SIGNER_MISMATCH,
                    "input 0: the fulfillment forms no condition (" + e.getMessage()
                            + "); sign with the keys listed in owners_before");
        }
        if (!expected.equals(actual)) {
            throw new ValidationException(
                    Rule.CREATE_SIGNER_MISMATCH,
                    "input 0: the fulfillment is for condition "
                            + actual.uri() + " but owners_before " + in.ownersBefore() + " give " + expected.uri()
                            + "; sign with the keys listed in owners_before");
        }
    }

    /** The condition the drivers derive from a list of owners. */
    static Condition ownersCondition(List<String> owners) throws ValidationException {
        if (owners.isEmpty()) {
            throw new ValidationException(
                    Rule.CREATE_SIGNER_MISMATCH,
                    "input 0: owners_before is empty; list the" + " public key(s) that sign the CREATE");
        }
        List<Condition> subs = new ArrayList<>(owners.size());
        for (int i = 0; i < owners.size(); i++) {
            try {
                subs.add(ConditionDetails.ed25519(owners.get(i), "input 0 owners_before[" + i + "]"));
            } catch (ValidationException e) {
                // BigchainDB 2.2.2 never decodes a CREATE's owners_before; only this policy does.
                throw new ValidationException(Rule.CREATE_SIGNER_MISMATCH, e.getMessage());
            }
        }
        if (subs.size() == 1) {
            return subs.get(0);
        }
        try {
            return Condition.threshold(subs.size(), subs);
        } catch (CryptoConditionException e) {
            throw new ValidationException(Rule.CREATE_SIGNER_MISMATCH, "input 0: " + e.getMessage());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static Fulfillment requireSigned(Input in, int i) throws ValidationException {
        if (in.fulfillment() == null) {
            throw new ValidationException(
                    Rule.INVALID_SIGNATURE,
                    "input " + i + " is not signed: its fulfillment"
                            + " holds condition details instead of a base64url fulfillment");
        }
        return in.fulfillment();
    }

    static Condition conditionOf(Fulfillment f, int i) throws ValidationException {
        try {
            return f.condition();
        } catch (CryptoConditionException e) {
            throw new ValidationException(
                    Rule.MALFORMED_FULFILLMENT,
                    "input " + i + ": the fulfillment does not" + " form a condition: " + e.getMessage());
        }
    }

    private static String printable(String key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < key.length() && sb.length() < 80; i++) {
            char c = key.charAt(i);
            if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
