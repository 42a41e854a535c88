package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Converts between transaction JSON and MongoDB documents the way pymongo stores what BigchainDB
 * parsed: integers as int32 when they fit, else int64; floats as doubles. Values FerretDB cannot
 * hold as they are take one of the {@link StoredValues} forms, and reading turns them back, so the
 * JSON read equals the JSON written and the canonical serialization (and the transaction id) is
 * unchanged.
 */
public final class BsonJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BsonJson() {}

    public static Document toDocument(ObjectNode node) {
        boolean escape = false;
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext() && !escape; ) {
            escape = StoredValues.needsEscape(keys.next());
        }
        Document doc = escape ? new Document(StoredValues.MARKER, StoredValues.ESCAPED_KEYS) : new Document();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = escape ? StoredValues.escapeKey(field.getKey()) : field.getKey();
            doc.put(key, toBsonValue(field.getValue(), false));
        }
        return doc;
    }

    public static Object toBsonValue(JsonNode node) {
        return toBsonValue(node, false);
    }

    private static Object toBsonValue(JsonNode node, boolean insideArray) {
        return switch (node.getNodeType()) {
            case NULL, MISSING -> null;
            case BOOLEAN -> node.booleanValue();
            case STRING -> node.textValue();
            case NUMBER -> number(node);
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toBsonValue(element, true));
                }
                yield insideArray ? StoredValues.arrayInArray(list) : list;
            }
            case OBJECT -> toDocument((ObjectNode) node);
            case BINARY, POJO -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        };
    }

    private static Object number(JsonNode node) {
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                // Validation rejects such integers before they reach the store; MongoDB has no type for them.
                throw new IllegalArgumentException("integer beyond 64 bits cannot be stored: " + node.asText());
            }
            long value = node.longValue();
            if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
            return value;
        }
        double value = node.doubleValue();
        return StoredValues.isNegativeZero(value) ? StoredValues.negativeZero() : value;
    }

    /** A stored top-level document as JSON, without its storage key {@code _id}. */
    public static ObjectNode toJson(Document doc) {
        return object(doc, true);
    }

    private static ObjectNode object(Document doc, boolean topLevel) {
        boolean escaped = StoredValues.formOf(doc) == StoredValues.ESCAPED_KEYS;
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<String, Object> field : doc.entrySet()) {
            String key = field.getKey();
            // The storage key is never part of BigchainDB's JSON; an "_id" inside asset data or metadata is.
            if (topLevel && key.equals("_id")) {
                continue;
            }
            if (escaped) {
                if (key.equals(StoredValues.MARKER)) {
                    continue;
                }
                key = StoredValues.unescapeKey(key);
            }
            node.set(key, toJsonValue(field.getValue()));
        }
        return node;
    }

    public static JsonNode toJsonValue(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof String s) {
            return NODES.textNode(s);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (value instanceof Long l) {
            return NODES.numberNode(l);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d);
        } else if (value instanceof Decimal128 d) {
            return NODES.numberNode(d.bigDecimalValue());
        } else if (value instanceof Document d) {
            return switch (StoredValues.formOf(d)) {
                case StoredValues.NEGATIVE_ZERO -> NODES.numberNode(-0.0);
                case StoredValues.ARRAY_IN_ARRAY ->
                    array(d.values().stream().skip(1).toList());
                default -> object(d, false);
            };
        } else if (value instanceof List<?> list) {
            return array(list);
        }
        throw new IllegalArgumentException(
                "unexpected stored value of type " + value.getClass().getName());
    }

    private static ArrayNode array(List<?> elements) {
        ArrayNode array = NODES.arrayNode(elements.size());
        for (Object element : elements) {
            array.add(toJsonValue(element));
        }
        return array;
    }
}
