package net.ledgerd.tx.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import net.ledgerd.tx.crypto.Base58;
import net.ledgerd.tx.validation.Rule;
import net.ledgerd.tx.validation.ValidationException;

/**
 * The JSON "details" form of a condition in a transaction output ({@code condition.details}):
 * {@code {"type":"ed25519-sha-256","public_key":"<base58>"}} or
 * {@code {"type":"threshold-sha-256","threshold":n,"subconditions":[...]}}.
 */
public final class ConditionDetails {
    private ConditionDetails() {}

    /** BigchainDB raises ThresholdTooDeep when details nest this many threshold levels. */
    public static final int MAX_DEPTH = 100;

    private static final int CACHE_LIMIT = 8192;
    private static final ConcurrentHashMap<String, Condition> ED25519_BY_KEY = new ConcurrentHashMap<>();

    /**
     * The condition these details describe. The shape is assumed to have passed the v2.0 schema;
     * this checks what the schema cannot: keys that decode to 32 bytes, thresholds that their
     * subconditions can meet, nesting depth and cost bounds.
     */
    public static Condition toCondition(JsonNode details, String where) throws ValidationException {
        return toCondition(details, where, 0);
    }

    private static Condition toCondition(JsonNode d, String where, int depth) throws ValidationException {
        if (depth >= MAX_DEPTH) {
            throw new ValidationException(
                    Rule.THRESHOLD_TOO_DEEP,
                    where + ": condition details nest " + MAX_DEPTH
                            + " or more threshold levels; flatten the threshold tree");
        }
        String type = d.path("type").asText();
        if (ConditionType.ED25519_SHA256.typeName().equals(type)) {
            return ed25519(d.path("public_key").asText(), where);
        }
        if (ConditionType.THRESHOLD_SHA256.typeName().equals(type)) {
            int threshold = d.path("threshold").asInt();
            JsonNode subs = d.path("subconditions");
            List<Condition> conds = new ArrayList<>(subs.size());
            for (int i = 0; i < subs.size(); i++) {
                conds.add(toCondition(subs.get(i), where + ".subconditions[" + i + "]", depth + 1));
            }
            try {
                return Condition.threshold(threshold, conds);
            } catch (CryptoConditionException e) {
                throw new ValidationException(Rule.INVALID_CONDITION, where + ": " + e.getMessage());
            }
        }
        throw new ValidationException(
                Rule.INVALID_CONDITION,
                where + ": unsupported condition type '" + type + "'; use ed25519-sha-256 or threshold-sha-256");
    }

    /** The ed25519-sha-256 condition of a base58 public key (cached). */
    public static Condition ed25519(String publicKeyBase58, String where) throws ValidationException {
        Condition c = ED25519_BY_KEY.get(publicKeyBase58);
        if (c == null) {
            byte[] pk = Base58.decodeKey32(publicKeyBase58);
            if (pk == null) {
                throw new ValidationException(
                        Rule.INVALID_PUBLIC_KEY,
                        where + ": public key '" + abbreviate(publicKeyBase58) + "' is not base58 of 32 bytes");
            }
            c = Condition.ed25519(pk);
            if (ED25519_BY_KEY.size() >= CACHE_LIMIT) {
                ED25519_BY_KEY.clear();
            }
            ED25519_BY_KEY.put(publicKeyBase58, c);
        }
        return c;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    // ---- building details JSON ------------------------------------------------------------------

    public static ObjectNode ed25519Details(String publicKeyBase58) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", ConditionType.ED25519_SHA256.typeName());
        n.put("public_key", publicKeyBase58);
        return n;
    }

    public static ObjectNode thresholdDetails(int threshold, List<? extends JsonNode> subconditions) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", ConditionType.THRESHOLD_SHA256.typeName());
        n.put("threshold", threshold);
        ArrayNode a = n.putArray("subconditions");
        subconditions.forEach(s -> a.add(s.deepCopy()));
        return n;
    }

    /**
     * Details for a list of owners as both drivers make them: one key gives an ed25519 condition,
     * several give an n-of-n threshold of ed25519 conditions.
     */
    public static ObjectNode forOwners(List<String> publicKeysBase58) {
        if (publicKeysBase58.isEmpty()) {
            throw new IllegalArgumentException("at least one public key is needed");
        }
        if (publicKeysBase58.size() == 1) {
            return ed25519Details(publicKeysBase58.get(0));
        }
        List<ObjectNode> subs = new ArrayList<>();
        for (String k : publicKeysBase58) {
            subs.add(ed25519Details(k));
        }
        return thresholdDetails(publicKeysBase58.size(), subs);
    }

    /** All ed25519 public keys in details, depth first (the JS driver's order for public_keys). */
    public static List<String> publicKeys(JsonNode details) {
        List<String> out = new ArrayList<>();
        collectKeys(details, out);
        return out;
    }

    private static void collectKeys(JsonNode d, List<String> out) {
        if (ConditionType.ED25519_SHA256.typeName().equals(d.path("type").asText())) {
            out.add(d.path("public_key").asText());
        } else {
            for (JsonNode s : d.path("subconditions")) {
                collectKeys(s, out);
            }
        }
    }
}
