package net.ledgerd.tx.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
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
import net.ledgerd.tx.model.Operation;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;

/**
 * The checks of BigchainDB 2.2.2 that need no ledger state, plus the TRANSFER checks that need
 * only the spent outputs (which the caller looks up).
 *
 * <p>A {@link Transaction} has already passed the v2.0 schema (it can only be made by parsing).
 * {@link #validateConsensus} gives BigchainDB 2.2.2's verdict: the id, forbidden keys, "language"
 * values, no output spent twice, then for CREATE the fulfillment against the signing message.
 * {@link #validateMempoolPolicy} adds ledgerd's stricter local policy (output uri matches its
 * details, canonical fulfillment text, CREATE signed by its owners_before), which CheckTx applies
 * and DeliverTx must not.
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
     * Everything that can be checked without ledger state, consensus rules and mempool policy:
     * what CheckTx and the HTTP API apply. For CREATE this includes the signature; for TRANSFER
     * call {@link #validateTransfer} once the spent outputs are known.
     */
    public static void validate(Transaction tx) throws ValidationException {
        validateConsensus(tx);
        validateMempoolPolicy(tx);
    }

    /**
     * BigchainDB 2.2.2's verdict on everything that needs no ledger state (what DeliverTx applies):
     * {@link #validateWithoutSignatures} and, for CREATE, {@link #validateCreateFulfillment}.
     */
    public static void validateConsensus(Transaction tx) throws ValidationException {
        validateWithoutSignatures(tx);
        if (tx.operation() == Operation.CREATE) {
            validateCreateFulfillment(tx);
        }
    }

    /**
     * {@link #validateConsensus} without the cryptography: for a caller that already verified these
     * exact bytes (the ABCI app's DeliverTx after CheckTx) and runs {@link
     * #validateCreateFulfillment} itself otherwise.
     */
    public static void validateWithoutSignatures(Transaction tx) throws ValidationException {
        validateId(tx);
        validateKeys(tx);
        validateDistinctInputs(tx);
    }

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
        if (tx.operation() == Operation.CREATE) {
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
        JsonNode data = tx.operation() == Operation.CREATE ? tx.assetData() : null;
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

    // ---- TRANSFER, given the spent outputs ---------------------------------------------------

    /**
     * TRANSFER: each input's fulfillment must be for the condition of the output it spends ({@link
     * Rule#FULFILLMENT_CONDITION_MISMATCH}) and validate that input's signing message ({@link
     * Rule#INVALID_SIGNATURE}).
     *
     * @param spentOutputs the outputs the inputs spend, in the order of {@code tx.inputs()}
     */
    public static void validateTransferFulfillments(Transaction tx, List<Output> spentOutputs)
            throws ValidationException {
        List<Input> ins = tx.inputs();
        requireAligned(ins, spentOutputs);
        for (int i = 0; i < ins.size(); i++) {
            Input in = ins.get(i);
            Fulfillment f = requireSigned(in, i);
            Condition spentCondition = spentOutputs.get(i).condition();
            if (spentCondition == null) {
                throw new ValidationException(
                        Rule.FULFILLMENT_CONDITION_MISMATCH,
                        "input " + i + ": the spent output " + describe(in.fulfills())
                                + " has condition details that form no condition; it cannot be spent");
            }
            Condition actual = conditionOf(f, i);
            String spentUri = spentCondition.uri();
            if (!actual.uri().equals(spentUri)) {
                throw new ValidationException(
                        Rule.FULFILLMENT_CONDITION_MISMATCH,
                        "input " + i + ": the fulfillment is"
                                + " for condition " + actual.uri() + " but the spent output " + describe(in.fulfills())
                                + " is locked by " + spentUri + "; sign with the keys of that output");
            }
            byte[] message = tx.digests().inputMessage(in.fulfills());
            if (!f.validate(message)) {
                throw new ValidationException(
                        Rule.INVALID_SIGNATURE,
                        "input " + i + ": the fulfillment does not"
                                + " validate: a signature is not over this transaction and " + describe(in.fulfills())
                                + " (sign SHA3-256 of the canonical body with id and fulfillments null, followed by"
                                + " transaction_id and output_index)");
            }
        }
    }

    /**
     * TRANSFER: the inputs must hold as much as the outputs ({@link Rule#AMOUNT_MISMATCH}).
     *
     * @param spentOutputs the outputs the inputs spend, in the order of {@code tx.inputs()}
     */
    public static void validateTransferAmounts(Transaction tx, List<Output> spentOutputs) throws ValidationException {
        requireAligned(tx.inputs(), spentOutputs);
        BigInteger in = BigInteger.ZERO;
        for (Output o : spentOutputs) {
            in = in.add(BigInteger.valueOf(o.amount()));
        }
        BigInteger out = BigInteger.ZERO;
        for (Output o : tx.outputs()) {
            out = out.add(BigInteger.valueOf(o.amount()));
        }
        if (!in.equals(out)) {
            throw new ValidationException(
                    Rule.AMOUNT_MISMATCH,
                    "the amount used in the inputs `" + in + "` needs to be same as the amount used in the outputs `"
                            + out + "`");
        }
    }

    /**
     * TRANSFER: the spent outputs must all belong to {@code asset.id} ({@link Rule#ASSET_ID_MISMATCH}).
     *
     * @param spentAssetIds for each input, the asset id of the transaction holding the spent output
     *     (its own id if a CREATE, its asset.id if a TRANSFER)
     */
    public static void validateTransferAssetIds(Transaction tx, List<String> spentAssetIds) throws ValidationException {
        Set<String> distinct = new HashSet<>(spentAssetIds);
        if (distinct.size() > 1) {
            throw new ValidationException(
                    Rule.ASSET_ID_MISMATCH,
                    "all inputs of a transaction must spend outputs of" + " the same asset; these spend assets "
                            + new java.util.TreeSet<>(distinct));
        }
        if (!distinct.isEmpty() && !distinct.iterator().next().equals(tx.assetId())) {
            throw new ValidationException(
                    Rule.ASSET_ID_MISMATCH,
                    "the asset id of the inputs (" + distinct.iterator().next()
                            + ") does not match the asset id of the transaction (" + tx.assetId() + ")");
        }
    }

    /**
     * All TRANSFER checks that need the spent outputs, in BigchainDB's order: asset id, amounts,
     * fulfillments.
     */
    public static void validateTransfer(Transaction tx, List<Output> spentOutputs, List<String> spentAssetIds)
            throws ValidationException {
        validateTransferAssetIds(tx, spentAssetIds);
        validateTransferAmounts(tx, spentOutputs);
        validateTransferFulfillments(tx, spentOutputs);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static Fulfillment requireSigned(Input in, int i) throws ValidationException {
        if (in.fulfillment() == null) {
            throw new ValidationException(
                    Rule.INVALID_SIGNATURE,
                    "input " + i + " is not signed: its fulfillment"
                            + " holds condition details instead of a base64url fulfillment");
        }
        return in.fulfillment();
    }

    private static Condition conditionOf(Fulfillment f, int i) throws ValidationException {
        try {
            return f.condition();
        } catch (CryptoConditionException e) {
            throw new ValidationException(
                    Rule.MALFORMED_FULFILLMENT,
                    "input " + i + ": the fulfillment does not" + " form a condition: " + e.getMessage());
        }
    }

    private static void requireAligned(List<Input> ins, List<Output> spent) {
        if (spent == null || spent.size() != ins.size()) {
            throw new IllegalArgumentException("spentOutputs must hold one output per input (" + ins.size() + "), got "
                    + (spent == null ? "null" : spent.size()));
        }
    }

    private static String describe(Fulfills f) {
        return f == null ? "(none)" : f.transactionId() + ":" + f.outputIndex();
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
