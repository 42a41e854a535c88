package net.ledgerd.network.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the TOML subset config.toml uses (sections; strings, booleans, integers, arrays of strings), strictly: a line
 * it does not understand fails the test. Keys come back as Tendermint names them: key, or section.key.
 */
final class MiniToml {
    private MiniToml() {}

    static Map<String, Object> parse(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        String section = "";
        int n = 0;
        for (String raw : text.split("\n")) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.matches("\\[[a-z0-9_]+]")) {
                    throw new IllegalArgumentException("line " + n + ": bad section " + line);
                }
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf(" = ");
            if (eq <= 0) {
                throw new IllegalArgumentException("line " + n + ": not key = value: " + line);
            }
            String key = line.substring(0, eq);
            if (!key.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("line " + n + ": bad key " + key);
            }
            String full = section.isEmpty() ? key : section + "." + key;
            if (out.put(full, value(line.substring(eq + 3), n)) != null) {
                throw new IllegalArgumentException("line " + n + ": duplicate key " + full);
            }
        }
        return out;
    }

    private static Object value(String v, int n) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (v.matches("-?\\d+")) {
            return Long.parseLong(v);
        }
        if (v.startsWith("\"")) {
            int[] end = new int[1];
            String s = string(v, 0, end, n);
            if (end[0] != v.length()) {
                throw new IllegalArgumentException("line " + n + ": text after string: " + v);
            }
            return s;
        }
        if (v.startsWith("[") && v.endsWith("]")) {
            List<String> items = new ArrayList<>();
            int i = 1;
            while (true) {
                while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == ',')) {
                    i++;
                }
                if (v.charAt(i) == ']') {
                    break;
                }
                int[] end = new int[1];
                items.add(string(v, i, end, n));
                i = end[0];
            }
            return items;
        }
        throw new IllegalArgumentException("line " + n + ": unsupported value " + v);
    }

    private static String string(String v, int start, int[] end, int n) {
        StringBuilder out = new StringBuilder();
        int i = start + 1;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == '"') {
                end[0] = i + 1;
                return out.toString();
            }
            if (c == '\\') {
                char e = v.charAt(++i);
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(v.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("line " + n + ": bad escape \\" + e);
                }
            } else {
                out.append(c);
            }
            i++;
        }
        throw new IllegalArgumentException("line " + n + ": unterminated string " + v);
    }
}
