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
 * parsed: integers as int32 when they fit, else int64; floats as doubles. Reading back gives the
 * same JSON values, so the canonical serialization (and the transaction id) is unchanged.
 */
public final class BsonJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BsonJson() {}

    public static Document toDocument(ObjectNode node) {
        Document doc = new Document();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            doc.put(field.getKey(), toBsonValue(field.getValue()));
        }
        return doc;
    }

    public static Object toBsonValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL, MISSING -> null;
            case BOOLEAN -> node.booleanValue();
            case STRING -> node.textValue();
            case NUMBER -> number(node);
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toBsonValue(element));
                }
                yield list;
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
        return node.doubleValue();
    }

    public static ObjectNode toJson(Document doc) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<String, Object> field : doc.entrySet()) {
            if (field.getKey().equals("_id")) {
                continue; // the storage key is never part of BigchainDB's JSON
            }
            node.set(field.getKey(), toJsonValue(field.getValue()));
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
            return toJson(d);
        } else if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object element : list) {
                array.add(toJsonValue(element));
            }
            return array;
        }
        throw new IllegalArgumentException(
                "unexpected stored value of type " + value.getClass().getName());
    }
}
