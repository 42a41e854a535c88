package net.ledgerd.app.compat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A JSON body for comparison: objects compare with key order ignored, arrays in order, and numbers
 * by their spelling ({@code 1e+21} and {@code 1.0E21} differ: a client sees different text).
 */
final class JsonShape {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** A number as written. */
    record Num(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** JSON null (maps and lists hold it as a value). */
    enum Null {
        NULL;

        @Override
        public String toString() {
            return "null";
        }
    }

    private JsonShape() {}

    /** The body as a tree; text that is not one JSON value parses to a String starting "not JSON: ". */
    static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return "not JSON: empty body";
            }
            Object value = read(p, first);
            if (p.nextToken() != null) {
                return "not JSON: text after the value";
            }
            return value;
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new TreeMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, read(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(read(p, e));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Num(p.getText());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return Null.NULL;
            default:
                throw new IOException("unexpected token " + t);
        }
    }

    /** Where two trees first differ (a path and both values), or null when they are equal. */
    static String firstDifference(Object a, Object b) {
        return difference(a, b, "$");
    }

    private static String difference(Object a, Object b, String path) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            TreeSet<String> keys = new TreeSet<>();
            ma.keySet().forEach(k -> keys.add((String) k));
            mb.keySet().forEach(k -> keys.add((String) k));
            for (String k : keys) {
                if (!ma.containsKey(k) || !mb.containsKey(k)) {
                    return path + "." + k + ": " + (ma.containsKey(k) ? "only ours has it" : "only BigchainDB has it");
                }
                String d = difference(ma.get(k), mb.get(k), path + "." + k);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
                String d = difference(la.get(i), lb.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return la.size() == lb.size()
                    ? null
                    : path + ": " + la.size() + " elements in ours, " + lb.size() + " in BigchainDB's";
        }
        return Objects.equals(a, b) ? null : path + ": ours " + brief(a) + ", BigchainDB " + brief(b);
    }

    /** Sorts a list's elements by their text, for answers whose order BigchainDB leaves to the database. */
    static Object sortedList(Object tree) {
        if (!(tree instanceof List<?> l)) {
            return tree;
        }
        List<Object> sorted = new ArrayList<>(l);
        sorted.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
        return sorted;
    }

    private static String brief(Object v) {
        String s = v instanceof String str ? '"' + str + '"' : String.valueOf(v);
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
