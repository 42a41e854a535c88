package net.ledgerd.tx.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import net.ledgerd.tx.validation.Rule;
import net.ledgerd.tx.validation.ValidationException;

/**
 * Reads transaction JSON the way BigchainDB's {@code json.loads(raw.decode('utf8'))} accepts it,
 * and refuses the inputs on which BigchainDB would fail with an internal error instead of a
 * validation error, so that every rejection has a named rule.
 *
 * <ul>
 *   <li>strict UTF-8 (no BOM, no overlong forms, no encoded surrogates)
 *   <li>exactly one JSON value, nothing after it but whitespace
 *   <li>no duplicate keys ({@link Rule#DUPLICATE_KEY}; Python keeps the last one silently, and so
 *       does {@link #readAsBigchainDbServer}, which reads transactions as a 2.2.2 server does)
 *   <li>no lone surrogates from <code>&#92;uD800</code>-style escapes (rapidjson cannot serialize them)
 *   <li>numbers: integers of any size up to 1000 digits; floats must be finite doubles
 *       ({@code 1e400} would become {@code inf} in Python)
 *   <li>nesting at most {@value #MAX_DEPTH} levels (BigchainDB 2.2.2 hits Python's recursion
 *       limit somewhere between 450 and 500)
 * </ul>
 */
public final class StrictJson {
    private StrictJson() {}

    /** Maximum nesting depth of a whole transaction document (the top-level object is depth 1). */
    public static final int MAX_DEPTH = 400;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(1000)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(false));

    /** As {@link #MAPPER}, reading subnormal floats as a BigchainDB 2.2.2 server does (zero). */
    private static final ObjectMapper SERVER_MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(FlushToZeroNodeFactory.INSTANCE);

    /** As {@link #SERVER_MAPPER}, a repeated key keeping its last value (Python's json.loads). */
    private static final ObjectMapper SERVER_MAPPER_LAST_KEY_WINS = new ObjectMapper(new JsonFactoryBuilder()
                    .streamReadConstraints(FACTORY.streamReadConstraints())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(FlushToZeroNodeFactory.INSTANCE);

    /** The shared, strictly configured mapper (also fine for writing plain JSON). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses UTF-8 JSON bytes under the rules above, as Python's {@code json.loads}. */
    public static JsonNode parse(byte[] json) throws ValidationException {
        return parse(json, MAPPER);
    }

    /** A transaction's JSON as a BigchainDB 2.2.2 server reads it, and whether a key was repeated. */
    public record ServerRead(JsonNode tree, boolean duplicateKeys) {}

    /**
     * Reads a transaction as a BigchainDB 2.2.2 server does: {@link #parse}, except that a float
     * whose double is subnormal reads as a zero of its sign ({@link FlushToZeroNodeFactory}) and a
     * repeated key keeps its last value (refusing it is mempool policy, {@link Rule#DUPLICATE_KEY}).
     * The id, the signatures and the stored document are all computed from that tree.
     */
    public static ServerRead readAsBigchainDbServer(byte[] json) throws ValidationException {
        try {
            return new ServerRead(parse(json, SERVER_MAPPER), false);
        } catch (ValidationException e) {
            if (e.rule() != Rule.DUPLICATE_KEY) {
                throw e;
            }
            return new ServerRead(parse(json, SERVER_MAPPER_LAST_KEY_WINS), true);
        }
    }

    /** The tree of {@link #readAsBigchainDbServer}. */
    public static JsonNode parseAsBigchainDbServer(byte[] json) throws ValidationException {
        return readAsBigchainDbServer(json).tree();
    }

    private static JsonNode parse(byte[] json, ObjectMapper mapper) throws ValidationException {
        if (json == null || json.length == 0) {
            throw new ValidationException(Rule.MALFORMED_JSON, "the request body is empty; send a JSON transaction");
        }
        int bad = Utf8.firstInvalid(json);
        if (bad >= 0) {
            throw new ValidationException(
                    Rule.INVALID_UNICODE,
                    "the body is not valid UTF-8 (byte offset " + bad + "); encode the JSON as UTF-8");
        }
        if (json.length >= 3 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB && (json[2] & 0xFF) == 0xBF) {
            throw new ValidationException(
                    Rule.MALFORMED_JSON, "the body starts with a UTF-8 byte order mark; remove it");
        }
        JsonNode node;
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            node = mapper.readTree(p);
        } catch (StreamConstraintsException e) {
            String m = e.getOriginalMessage();
            if (m != null && m.contains("nesting")) {
                throw new ValidationException(
                        Rule.JSON_TOO_DEEP,
                        "JSON nesting exceeds " + MAX_DEPTH + " levels; flatten asset data or metadata");
            }
            if (m != null && m.startsWith("Number")) {
                throw new ValidationException(Rule.NUMBER_OUT_OF_RANGE, "a JSON number is too long: " + m);
            }
            throw new ValidationException(Rule.MALFORMED_JSON, "a JSON string or key is too long: " + m);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            if (m != null && m.startsWith("Duplicate field")) {
                throw new ValidationException(
                        Rule.DUPLICATE_KEY,
                        "an object repeats a key: " + m + locationOf(e)
                                + "; send each key once (BigchainDB keeps the last value)");
            }
            throw new ValidationException(Rule.MALFORMED_JSON, "malformed JSON: " + m + locationOf(e));
        } catch (IOException e) {
            throw new ValidationException(Rule.MALFORMED_JSON, "malformed JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new ValidationException(Rule.MALFORMED_JSON, "the body holds no JSON value");
        }
        checkValues(node);
        return node;
    }

    private static String locationOf(JsonProcessingException e) {
        if (e.getLocation() == null) {
            return "";
        }
        return " (at byte " + e.getLocation().getByteOffset() + ")";
    }

    /** Rejects lone surrogates in keys or strings and non-finite floats anywhere in the tree. */
    private static void checkValues(JsonNode root) throws ValidationException {
        Problem p = check(root);
        if (p != null) {
            String where = p.path.length() == 0
                    ? "the top level"
                    : p.path.insert(0, '$').toString();
            throw new ValidationException(p.rule, p.what.replace("{}", where));
        }
    }

    private record Problem(Rule rule, String what, StringBuilder path) {}

    /** Null when fine; otherwise the problem, its path built while unwinding. */
    private static Problem check(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (hasLoneSurrogate(e.getKey())) {
                        return new Problem(
                                Rule.INVALID_UNICODE,
                                "a key in {} holds a lone UTF-16 surrogate escape; such text cannot be encoded as UTF-8",
                                new StringBuilder());
                    }
                    JsonNode v = e.getValue();
                    if (v.isContainerNode() || v.isTextual() || v.isFloatingPointNumber()) {
                        Problem p = check(v);
                        if (p != null) {
                            p.path.insert(0, "." + e.getKey());
                            return p;
                        }
                    }
                }
                return null;
            }
            case ARRAY -> {
                for (int i = 0; i < node.size(); i++) {
                    JsonNode v = node.get(i);
                    if (v.isContainerNode() || v.isTextual() || v.isFloatingPointNumber()) {
                        Problem p = check(v);
                        if (p != null) {
                            p.path.insert(0, "[" + i + "]");
                            return p;
                        }
                    }
                }
                return null;
            }
            case STRING -> {
                return hasLoneSurrogate(node.textValue())
                        ? new Problem(
                                Rule.INVALID_UNICODE,
                                "the string at {} holds a lone UTF-16 surrogate escape; such text cannot be encoded as UTF-8",
                                new StringBuilder())
                        : null;
            }
            case NUMBER -> {
                return Double.isFinite(node.doubleValue())
                        ? null
                        : new Problem(
                                Rule.NUMBER_OUT_OF_RANGE,
                                "the number at {} does not fit a 64-bit float; use a smaller number or a string",
                                new StringBuilder());
            }
            default -> {
                return null;
            }
        }
    }

    static boolean hasLoneSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0xD800 && c <= 0xDFFF) {
                if (c <= 0xDBFF && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }
}
