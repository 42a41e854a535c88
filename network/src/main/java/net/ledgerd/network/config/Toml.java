package net.ledgerd.network.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.ledgerd.network.OperatorError;

/**
 * TOML syntax for config.toml, through Jackson's TOML data format: the one place that reads TOML text and writes TOML
 * values. Keys are flattened as Tendermint's flags name them: {@code key} at the top level, {@code section.key} inside
 * a table.
 */
public final class Toml {
    private static final TomlMapper MAPPER = new TomlMapper();

    private Toml() {}

    /**
     * Every key of a TOML text, in file order, as String, Boolean, Long, Double or List of those.
     *
     * @param source names the text in errors (a file name)
     */
    public static Map<String, Object> read(String text, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new OperatorError(source + " is not valid TOML: " + e.getOriginalMessage(), e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", root, out, source);
        return out;
    }

    /** One {@code name = value} line (no newline), the value written by the library. */
    public static String line(String name, Object value) {
        try {
            return MAPPER.writeValueAsString(Map.of(name, value)).strip();
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot write " + name + " = " + value + " as TOML", e);
        }
    }

    private static void flatten(String prefix, JsonNode table, Map<String, Object> out, String source) {
        for (Map.Entry<String, JsonNode> e : table.properties()) {
            String key = prefix + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key + ".", e.getValue(), out, source);
            } else {
                out.put(key, value(key, e.getValue(), source));
            }
        }
    }

    private static Object value(String key, JsonNode node, String source) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new OperatorError(source + ": " + key + " = " + node + " is too large an integer");
            }
            return node.longValue();
        }
        if (node.isFloatingPointNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(value(key, item, source));
            }
            return List.copyOf(items);
        }
        throw new OperatorError(source + ": " + key + " has a value config.toml does not use: " + node);
    }
}
