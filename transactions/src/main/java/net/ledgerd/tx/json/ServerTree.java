package net.ledgerd.tx.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The tree a BigchainDB 2.2.2 server reads from a tree's canonical serialization ({@link
 * StrictJson#readAsBigchainDbServer} of {@link Canonical#serializeUtf8}), made by copying instead of writing and
 * parsing: keys in canonical order, integers as the parser types them by size, floats as doubles. Empty wherever the
 * copy might differ from that read or the read would fail (a subnormal float, which the server reads as zero; a float
 * or decimal that is not a double; an integer beyond 64 bits; a lone surrogate; very deep nesting, long strings;
 * a node JSON does not have): the caller then serializes and parses.
 */
public final class ServerTree {
    private ServerTree() {}

    /** Far below the parser's limits (20,000,000 characters per string, 50,000 per key). */
    private static final int MAX_STRING = 1_000_000;

    private static final int MAX_KEY = 10_000;

    public static Optional<ObjectNode> of(ObjectNode tree) {
        JsonNode copy = copy(tree, 1);
        return copy == null ? Optional.empty() : Optional.of((ObjectNode) copy);
    }

    /** The copy of {@code node} at nesting {@code depth}, or null when it might not be what the server reads. */
    private static JsonNode copy(JsonNode node, int depth) {
        FlushToZeroNodeFactory f = FlushToZeroNodeFactory.INSTANCE;
        switch (node.getNodeType()) {
            case OBJECT -> {
                if (depth > StrictJson.MAX_DEPTH) {
                    return null;
                }
                ObjectNode out = f.objectNode();
                for (String k : CanonicalWriter.sortedFieldNames((ObjectNode) node)) {
                    JsonNode v = copy(node.get(k), depth + 1);
                    if (v == null || k.length() > MAX_KEY || StrictJson.hasLoneSurrogate(k)) {
                        return null;
                    }
                    out.set(k, v);
                }
                return out;
            }
            case ARRAY -> {
                if (depth > StrictJson.MAX_DEPTH) {
                    return null;
                }
                ArrayNode out = f.arrayNode(node.size());
                for (JsonNode e : node) {
                    JsonNode v = copy(e, depth + 1);
                    if (v == null) {
                        return null;
                    }
                    out.add(v);
                }
                return out;
            }
            case STRING -> {
                String s = node.textValue();
                return s.length() > MAX_STRING || StrictJson.hasLoneSurrogate(s) ? null : f.textNode(s);
            }
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    if (!node.canConvertToLong()) {
                        return null;
                    }
                    long v = node.longValue();
                    return v == (int) v ? f.numberNode((int) v) : f.numberNode(v);
                }
                if (!(node instanceof DoubleNode)) {
                    return null;
                }
                double d = node.doubleValue();
                return !Double.isFinite(d) || FlushToZeroNodeFactory.flush(d) != d ? null : f.numberNode(d);
            }
            case BOOLEAN -> {
                return f.booleanNode(node.booleanValue());
            }
            case NULL -> {
                return f.nullNode();
            }
            default -> {
                return null;
            }
        }
    }
}
