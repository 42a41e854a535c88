package net.ledgerd.app.store;

import java.util.Iterator;
import java.util.List;
import org.bson.Document;

/**
 * The encoded forms of the JSON values FerretDB v1 cannot hold as they are (found by trying them
 * against FerretDB v1.24.0): an array directly inside an array ("nested arrays are not supported",
 * which would fail a Commit), the double {@code -0.0} (read back as {@code 0.0}), and keys that
 * start with {@code $}, contain {@code .} or a NUL (refused by the server or the driver). Each is
 * stored as a document carrying the {@link #MARKER} key, whose integer value names the form:
 *
 * <ul>
 *   <li>{@code {"%ledgerd": 1, "0": e0, "1": e1, ...}}: an array inside an array; the same nesting
 *       depth as the array itself;
 *   <li>{@code {"%ledgerd": 2, key: value, ...}}: an object whose keys are percent-escaped
 *       ({@code %}, {@code .}, {@code $} and NUL as {@code %25 %2E %24 %00}); used when a key
 *       needs escaping or is the marker itself, so a user's own marker key is never misread;
 *   <li>{@code {"%ledgerd": 3}}: the double {@code -0.0}.
 * </ul>
 *
 * Every other value is stored as pymongo stores it, so a document without such values keeps
 * BigchainDB's shape byte for byte, and a document BigchainDB wrote decodes to itself. The marker
 * value is a number so that text indexes see no extra words.
 */
final class StoredValues {
    static final String MARKER = "%ledgerd";
    static final int ARRAY_IN_ARRAY = 1;
    static final int ESCAPED_KEYS = 2;
    static final int NEGATIVE_ZERO = 3;

    private StoredValues() {}

    static boolean isNegativeZero(double d) {
        return d == 0.0 && Double.doubleToRawLongBits(d) != 0L;
    }

    static Document negativeZero() {
        return new Document(MARKER, NEGATIVE_ZERO);
    }

    static Document arrayInArray(List<Object> elements) {
        Document doc = new Document(MARKER, ARRAY_IN_ARRAY);
        for (int i = 0; i < elements.size(); i++) {
            doc.put(Integer.toString(i), elements.get(i));
        }
        return doc;
    }

    /** Whether an object with this key must be stored in the escaped-keys form. */
    static boolean needsEscape(String key) {
        return key.startsWith("$") || key.indexOf('.') >= 0 || key.indexOf('\0') >= 0 || key.equals(MARKER);
    }

    static String escapeKey(String key) {
        StringBuilder out = new StringBuilder(key.length() + 8);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '.' -> out.append("%2E");
                case '$' -> out.append("%24");
                case '\0' -> out.append("%00");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The key {@link #escapeKey} was given, or null when {@code escaped} is not one of its results. */
    static String unescapeKey(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '.' || c == '$' || c == '\0') {
                return null;
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= escaped.length()) {
                return null;
            }
            String code = escaped.substring(i + 1, i + 3);
            switch (code) {
                case "25" -> out.append('%');
                case "2E" -> out.append('.');
                case "24" -> out.append('$');
                case "00" -> out.append('\0');
                default -> {
                    return null;
                }
            }
            i += 2;
        }
        return out.toString();
    }

    /** The form a stored document is in: one of the constants above, or 0 for a plain object. */
    static int formOf(Document doc) {
        Object marker = doc.get(MARKER);
        if (!(marker instanceof Integer form)) {
            return 0;
        }
        boolean valid = switch (form) {
            case ARRAY_IN_ARRAY -> isArrayForm(doc);
            case ESCAPED_KEYS -> isEscapedForm(doc);
            case NEGATIVE_ZERO -> doc.size() == 1;
            default -> false;
        };
        // Anything else with the marker key is a plain object another writer stored.
        return valid ? form : 0;
    }

    private static boolean isArrayForm(Document doc) {
        Iterator<String> keys = doc.keySet().iterator();
        if (!keys.next().equals(MARKER)) {
            return false;
        }
        for (int i = 0; keys.hasNext(); i++) {
            if (!keys.next().equals(Integer.toString(i))) {
                return false;
            }
        }
        return true;
    }

    /** Every key a valid escape, and at least one that needed it: what {@link BsonJson} writes, nothing else. */
    private static boolean isEscapedForm(Document doc) {
        boolean escapedOne = false;
        for (String key : doc.keySet()) {
            if (key.equals(MARKER) || key.equals("_id")) {
                continue;
            }
            String original = unescapeKey(key);
            if (original == null) {
                return false;
            }
            escapedOne |= needsEscape(original);
        }
        return escapedOne;
    }
}
