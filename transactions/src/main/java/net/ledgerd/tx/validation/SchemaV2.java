package net.ledgerd.tx.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON schemas of BigchainDB 2.2.2 ({@code bigchaindb/common/schema/transaction_v2.0.yaml},
 * {@code transaction_create_v2.0.yaml}, {@code transaction_transfer_v2.0.yaml}) written as code.
 *
 * <p>BigchainDB validates with rapidjson's draft-04 validator, whose {@code pattern} is a search
 * (not anchored unless the pattern says {@code ^...$}); the same is done here, with {@code $}
 * meaning the end of the text (no trailing newline allowed, unlike Java's {@code $}). A JSON
 * "integer" is a number written without fraction or exponent ({@code 1.0} is not one).
 *
 * <p>The patterns below are the schema's, kept as the reference; the checks use the equivalent,
 * faster matchers in {@link Patterns}.
 *
 * <p>Every failure is {@link Rule#SCHEMA} with a message naming the JSON path.
 */
public final class SchemaV2 {
    private SchemaV2() {}

    static final Pattern SHA3_HEXDIGEST = Pattern.compile("[0-9a-f]{64}");
    static final Pattern BASE58 = Pattern.compile("[1-9a-zA-Z^OIl]{43,44}");
    static final Pattern VERSION = Pattern.compile("^2\\.0\\z");
    static final Pattern AMOUNT = Pattern.compile("^[0-9]{1,20}\\z");
    static final Pattern FULFILLMENT = Pattern.compile("^[a-zA-Z0-9_-]*\\z");
    static final Pattern CONDITION_URI = Pattern.compile("^ni:///sha-256;([a-zA-Z0-9_-]{0,86})[?]"
            + "(fpt=(ed25519|threshold)-sha-256(&)?|cost=[0-9]+(&)?|subtypes=ed25519-sha-256(&)?){2,3}\\z");

    private static final Set<String> TX_KEYS =
            Set.of("id", "inputs", "outputs", "operation", "metadata", "asset", "version");
    private static final String[] TX_REQUIRED = {"id", "inputs", "outputs", "operation", "metadata", "asset", "version"
    };
    private static final Set<String> OPERATIONS =
            Set.of("CREATE", "TRANSFER", "VALIDATOR_ELECTION", "CHAIN_MIGRATION_ELECTION", "VOTE");
    private static final Set<String> ASSET_KEYS = Set.of("id", "data");
    private static final Set<String> INPUT_KEYS = Set.of("owners_before", "fulfillment", "fulfills");
    private static final Set<String> FULFILLS_KEYS = Set.of("output_index", "transaction_id");
    private static final Set<String> OUTPUT_KEYS = Set.of("amount", "condition", "public_keys");
    private static final Set<String> CONDITION_KEYS = Set.of("details", "uri");
    private static final Set<String> ED25519_KEYS = Set.of("type", "public_key");
    private static final Set<String> THRESHOLD_KEYS = Set.of("type", "threshold", "subconditions");

    /** The common schema (transaction_v2.0.yaml). */
    public static void validateCommon(JsonNode tx) throws ValidationException {
        if (!tx.isObject()) {
            throw fail("$", "the transaction must be a JSON object, found " + kind(tx));
        }
        onlyKeys(tx, TX_KEYS, "$");
        for (String k : TX_REQUIRED) {
            if (!tx.has(k)) {
                throw fail("$", "'" + k + "' is a required property");
            }
        }
        JsonNode id = tx.get("id");
        if (!id.isNull()) {
            sha3(id, "$.id");
        }
        JsonNode op = tx.get("operation");
        if (!op.isTextual() || !OPERATIONS.contains(op.textValue())) {
            throw fail(
                    "$.operation",
                    describe(op) + " is not one of CREATE, TRANSFER, VALIDATOR_ELECTION, "
                            + "CHAIN_MIGRATION_ELECTION, VOTE");
        }
        JsonNode asset = tx.get("asset");
        if (!asset.isObject()) {
            throw fail("$.asset", "must be an object, found " + kind(asset));
        }
        onlyKeys(asset, ASSET_KEYS, "$.asset");
        if (asset.has("id")) {
            sha3(asset.get("id"), "$.asset.id");
        }
        if (asset.has("data")) {
            JsonNode data = asset.get("data");
            if (!data.isObject() && !data.isNull()) {
                throw fail("$.asset.data", "must be an object or null, found " + kind(data));
            }
        }
        JsonNode inputs = tx.get("inputs");
        if (!inputs.isArray()) {
            throw fail("$.inputs", "must be an array, found " + kind(inputs));
        }
        for (int i = 0; i < inputs.size(); i++) {
            input(inputs.get(i), "$.inputs[" + i + "]");
        }
        JsonNode outputs = tx.get("outputs");
        if (!outputs.isArray()) {
            throw fail("$.outputs", "must be an array, found " + kind(outputs));
        }
        for (int i = 0; i < outputs.size(); i++) {
            output(outputs.get(i), "$.outputs[" + i + "]");
        }
        JsonNode metadata = tx.get("metadata");
        if (metadata.isObject()) {
            if (metadata.size() < 1) {
                throw fail("$.metadata", "{} does not have enough properties; send null instead of an empty object");
            }
        } else if (!metadata.isNull()) {
            throw fail("$.metadata", "must be an object or null, found " + kind(metadata));
        }
        JsonNode version = tx.get("version");
        if (!version.isTextual() || !Patterns.version(version.textValue())) {
            throw fail("$.version", describe(version) + " is not \"2.0\"; only transaction version 2.0 is accepted");
        }
    }

    /** The CREATE schema (transaction_create_v2.0.yaml), after the common one. */
    public static void validateCreate(JsonNode tx) throws ValidationException {
        JsonNode asset = tx.get("asset");
        onlyKeys(asset, Set.of("data"), "$.asset");
        if (!asset.has("data")) {
            throw fail("$.asset", "'data' is a required property (use {\"data\": null} for no asset data)");
        }
        JsonNode inputs = tx.get("inputs");
        if (inputs.size() != 1) {
            throw fail("$.inputs", "a CREATE transaction has exactly 1 input, found " + inputs.size());
        }
        JsonNode in = inputs.get(0);
        if (!in.has("fulfills")) {
            throw fail("$.inputs[0]", "'fulfills' is a required property");
        }
        if (!in.get("fulfills").isNull()) {
            throw fail("$.inputs[0].fulfills", "must be null in a CREATE transaction");
        }
    }

    /** The TRANSFER schema (transaction_transfer_v2.0.yaml), after the common one. */
    public static void validateTransfer(JsonNode tx) throws ValidationException {
        JsonNode asset = tx.get("asset");
        onlyKeys(asset, Set.of("id"), "$.asset");
        if (!asset.has("id")) {
            throw fail("$.asset", "'id' is a required property (the id of the asset's CREATE transaction)");
        }
        JsonNode inputs = tx.get("inputs");
        if (inputs.size() < 1) {
            throw fail("$.inputs", "a TRANSFER transaction needs at least 1 input");
        }
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode in = inputs.get(i);
            if (!in.has("fulfills")) {
                throw fail("$.inputs[" + i + "]", "'fulfills' is a required property");
            }
            if (!in.get("fulfills").isObject()) {
                throw fail(
                        "$.inputs[" + i + "].fulfills",
                        "must be an object {transaction_id, output_index} in a TRANSFER");
            }
        }
    }

    private static void input(JsonNode in, String path) throws ValidationException {
        if (!in.isObject()) {
            throw fail(path, "an input must be an object, found " + kind(in));
        }
        onlyKeys(in, INPUT_KEYS, path);
        if (!in.has("owners_before")) {
            throw fail(path, "'owners_before' is a required property");
        }
        if (!in.has("fulfillment")) {
            throw fail(path, "'fulfillment' is a required property");
        }
        publicKeys(in.get("owners_before"), path + ".owners_before");
        JsonNode f = in.get("fulfillment");
        if (f.isTextual()) {
            if (!Patterns.base64Url(f.textValue())) {
                throw fail(
                        path + ".fulfillment", "is not base64url text (characters A-Z a-z 0-9 - _ only, no padding)");
            }
        } else if (f.isObject()) {
            conditionDetails(f, path + ".fulfillment", 0);
        } else {
            throw fail(path + ".fulfillment", "must be a base64url string, found " + kind(f));
        }
        if (in.has("fulfills")) {
            JsonNode fl = in.get("fulfills");
            if (fl.isObject()) {
                onlyKeys(fl, FULFILLS_KEYS, path + ".fulfills");
                if (!fl.has("output_index")) {
                    throw fail(path + ".fulfills", "'output_index' is a required property");
                }
                if (!fl.has("transaction_id")) {
                    throw fail(path + ".fulfills", "'transaction_id' is a required property");
                }
                JsonNode idx = fl.get("output_index");
                if (!idx.isIntegralNumber() || idx.bigIntegerValue().signum() < 0) {
                    throw fail(path + ".fulfills.output_index", describe(idx) + " is not an integer >= 0");
                }
                if (!idx.canConvertToInt()) {
                    throw fail(path + ".fulfills.output_index", describe(idx) + " is larger than any output list");
                }
                sha3(fl.get("transaction_id"), path + ".fulfills.transaction_id");
            } else if (!fl.isNull()) {
                throw fail(path + ".fulfills", "must be an object or null, found " + kind(fl));
            }
        }
    }

    private static void output(JsonNode out, String path) throws ValidationException {
        if (!out.isObject()) {
            throw fail(path, "an output must be an object, found " + kind(out));
        }
        onlyKeys(out, OUTPUT_KEYS, path);
        for (String k : new String[] {"amount", "condition", "public_keys"}) {
            if (!out.has(k)) {
                throw fail(path, "'" + k + "' is a required property");
            }
        }
        JsonNode amount = out.get("amount");
        if (!amount.isTextual()) {
            throw fail(path + ".amount", "must be a string of digits such as \"1\", found " + kind(amount));
        }
        if (!Patterns.amount(amount.textValue())) {
            throw fail(path + ".amount", describe(amount) + " is not 1 to 20 decimal digits");
        }
        JsonNode cond = out.get("condition");
        if (!cond.isObject()) {
            throw fail(path + ".condition", "must be an object {details, uri}, found " + kind(cond));
        }
        onlyKeys(cond, CONDITION_KEYS, path + ".condition");
        if (!cond.has("details")) {
            throw fail(path + ".condition", "'details' is a required property");
        }
        if (!cond.has("uri")) {
            throw fail(path + ".condition", "'uri' is a required property");
        }
        conditionDetails(cond.get("details"), path + ".condition.details", 0);
        JsonNode uri = cond.get("uri");
        if (!uri.isTextual() || !Patterns.conditionUri(uri.textValue())) {
            throw fail(
                    path + ".condition.uri",
                    describe(uri)
                            + " is not an ni:///sha-256 condition URI of an ed25519-sha-256 or threshold-sha-256 condition");
        }
        publicKeys(out.get("public_keys"), path + ".public_keys");
    }

    private static void conditionDetails(JsonNode d, String path, int depth) throws ValidationException {
        if (!d.isObject()) {
            throw fail(path, "condition details must be an object, found " + kind(d));
        }
        JsonNode type = d.get("type");
        String t = type != null && type.isTextual() ? type.textValue() : null;
        if ("ed25519-sha-256".equals(t)) {
            onlyKeys(d, ED25519_KEYS, path);
            if (!d.has("public_key")) {
                throw fail(path, "'public_key' is a required property");
            }
            base58(d.get("public_key"), path + ".public_key");
        } else if ("threshold-sha-256".equals(t)) {
            onlyKeys(d, THRESHOLD_KEYS, path);
            if (!d.has("threshold")) {
                throw fail(path, "'threshold' is a required property");
            }
            if (!d.has("subconditions")) {
                throw fail(path, "'subconditions' is a required property");
            }
            JsonNode th = d.get("threshold");
            if (!th.isIntegralNumber() || !th.canConvertToInt() || th.intValue() < 1 || th.intValue() > 100) {
                throw fail(path + ".threshold", describe(th) + " is not an integer from 1 to 100");
            }
            JsonNode subs = d.get("subconditions");
            if (!subs.isArray()) {
                throw fail(path + ".subconditions", "must be an array, found " + kind(subs));
            }
            if (depth >= 1000) {
                throw fail(path, "condition details nest too deeply");
            }
            for (int i = 0; i < subs.size(); i++) {
                conditionDetails(subs.get(i), path + ".subconditions[" + i + "]", depth + 1);
            }
        } else {
            throw fail(
                    path + ".type",
                    (type == null ? "missing" : describe(type))
                            + ": condition details need type \"ed25519-sha-256\" or \"threshold-sha-256\"");
        }
    }

    private static void publicKeys(JsonNode keys, String path) throws ValidationException {
        if (keys.isNull()) {
            return;
        }
        if (!keys.isArray()) {
            throw fail(path, "must be an array of base58 public keys, found " + kind(keys));
        }
        for (int i = 0; i < keys.size(); i++) {
            base58(keys.get(i), path + "[" + i + "]");
        }
    }

    private static void base58(JsonNode k, String path) throws ValidationException {
        if (!k.isTextual() || !Patterns.base58(k.textValue())) {
            throw fail(path, describe(k) + " is not a base58 public key (43 or 44 characters)");
        }
    }

    private static void sha3(JsonNode v, String path) throws ValidationException {
        if (!v.isTextual() || !Patterns.sha3Hexdigest(v.textValue())) {
            throw fail(path, describe(v) + " is not a SHA3-256 hex digest (64 lower-case hex digits)");
        }
    }

    private static void onlyKeys(JsonNode obj, Set<String> allowed, String path) throws ValidationException {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw fail(
                        path,
                        "additional property '" + abbreviate(k) + "' is not allowed (allowed: "
                                + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    static ValidationException fail(String path, String message) {
        return new ValidationException(Rule.SCHEMA, path + ": " + message);
    }

    static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String describe(JsonNode n) {
        if (n.isTextual()) {
            return "\"" + abbreviate(n.textValue()) + "\"";
        }
        if (n.isContainerNode()) {
            return kind(n);
        }
        return abbreviate(n.toString());
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
