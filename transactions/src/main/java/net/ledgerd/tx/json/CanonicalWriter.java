package net.ledgerd.tx.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;

/**
 * Writes JSON in BigchainDB 2.2.2's canonical form, {@code rapidjson.dumps(data, skipkeys=False,
 * ensure_ascii=False, sort_keys=True)}, as UTF-8 bytes into a growable buffer.
 *
 * <ul>
 *   <li>no whitespace; separators {@code ,} and {@code :}
 *   <li>object keys sorted by Unicode code point (Python's {@code str} order, which equals UTF-8
 *       byte order; not Java's UTF-16 order)
 *   <li>strings: non-ASCII written raw as UTF-8; {@code "} and {@code \} escaped; {@code \b \f \n
 *       \r \t} as short escapes; other characters below U+0020 as <code>&#92;u00XX</code> with upper-case
 *       hex; U+007F, {@code /}, U+2028/9 written raw; a lone surrogate cannot be written (Python
 *       raises UnicodeEncodeError)
 *   <li>integers in full decimal, however large; floats as Python's {@code repr}; NaN and
 *       infinities as {@code NaN}, {@code Infinity}, {@code -Infinity}
 * </ul>
 */
public final class CanonicalWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** Orders strings by Unicode code point rather than by UTF-16 code unit. */
    public static final Comparator<String> CODE_POINT_ORDER = CanonicalWriter::compareCodePoints;

    private byte[] buf;
    private int len;

    public CanonicalWriter() {
        this(1024);
    }

    public CanonicalWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public void reset() {
        len = 0;
    }

    public int size() {
        return len;
    }

    /** The internal buffer; valid bytes are {@code [0, size())}. */
    public byte[] buffer() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    // ---- values --------------------------------------------------------------------------------

    /** Writes any JSON value in canonical form. */
    public void value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> object((ObjectNode) node);
            case ARRAY -> {
                raw('[');
                int n = node.size();
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        raw(',');
                    }
                    value(node.get(i));
                }
                raw(']');
            }
            case STRING -> string(node.textValue());
            case NUMBER -> number(node);
            case BOOLEAN -> raw(node.booleanValue() ? TRUE : FALSE);
            case NULL -> nullValue();
            default -> throw new CanonicalJsonException("cannot serialize a " + node.getNodeType() + " node as JSON");
        }
    }

    public void object(ObjectNode node) {
        raw('{');
        String[] keys = sortedFieldNames(node);
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                raw(',');
            }
            string(keys[i]);
            raw(':');
            value(node.get(keys[i]));
        }
        raw('}');
    }

    public void nullValue() {
        raw(NULL);
    }

    public void number(JsonNode node) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                ascii(Long.toString(node.longValue()));
            } else {
                ascii(node.bigIntegerValue().toString());
            }
            return;
        }
        double d = node.doubleValue();
        if (Double.isNaN(d)) {
            ascii("NaN");
        } else if (Double.isInfinite(d)) {
            ascii(d > 0 ? "Infinity" : "-Infinity");
        } else {
            ascii(PythonFloat.repr(d));
        }
    }

    /** Writes a JSON string literal (with quotes). */
    public void string(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    if (len == buf.length) {
                        grow(1);
                    }
                    buf[len++] = (byte) c;
                } else {
                    escapeAscii(c);
                }
            } else if (c < 0x800) {
                ensure(2);
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    ensure(4);
                    buf[len++] = (byte) (0xF0 | (cp >> 18));
                    buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    throw new CanonicalJsonException(
                            String.format("lone surrogate U+%04X at index %d cannot be encoded as UTF-8", (int) c, i));
                }
            } else {
                ensure(3);
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        raw('"');
    }

    private void escapeAscii(char c) {
        ensure(6);
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\t' -> buf[len++] = 't';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[(c >> 4) & 0xF];
                buf[len++] = HEX[c & 0xF];
            }
        }
    }

    // ---- raw output ----------------------------------------------------------------------------

    public void raw(char asciiChar) {
        if (len == buf.length) {
            grow(1);
        }
        buf[len++] = (byte) asciiChar;
    }

    public void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /** Writes characters known to be ASCII (numbers, literals) without escaping. */
    public void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            grow(extra);
        }
    }

    private void grow(int extra) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }

    // ---- key order -----------------------------------------------------------------------------

    /** The object's field names in canonical (code point) order. */
    public static String[] sortedFieldNames(ObjectNode node) {
        String[] keys = new String[node.size()];
        int i = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys[i++] = it.next();
        }
        if (keys.length <= 12) {
            // insertion sort: objects in transactions are small
            for (int a = 1; a < keys.length; a++) {
                String k = keys[a];
                int b = a - 1;
                while (b >= 0 && compareCodePoints(keys[b], k) > 0) {
                    keys[b + 1] = keys[b];
                    b--;
                }
                keys[b + 1] = k;
            }
        } else {
            Arrays.sort(keys, CODE_POINT_ORDER);
        }
        return keys;
    }

    /**
     * Compares two strings by Unicode code point. UTF-16 order differs from code point order only
     * when one side has a surrogate (a supplementary character) and the other a character in
     * U+E000..U+FFFF; the fix-up below moves surrogates above that range.
     */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    x = fixup(x);
                    y = fixup(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static char fixup(char c) {
        return (char) (c >= 0xE000 ? c - 0x800 : c + 0x2000);
    }
}
