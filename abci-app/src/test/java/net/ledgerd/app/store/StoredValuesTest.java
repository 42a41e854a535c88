package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class StoredValuesTest {
    @Test
    void keysEscapeReversiblyAndOnlyWhenNeeded() {
        for (String key : List.of("$a", "a.b", "a\0b", "%ledgerd", "%2E.$", "", "%", "%%25", "x$")) {
            String escaped = StoredValues.escapeKey(key);
            assertFalse(escaped.startsWith("$") || escaped.contains(".") || escaped.contains("\0"), escaped);
            assertNotEquals(StoredValues.MARKER, escaped);
            assertEquals(key, StoredValues.unescapeKey(escaped), key);
        }
        assertTrue(StoredValues.needsEscape("$a"));
        assertTrue(StoredValues.needsEscape("%ledgerd"));
        assertFalse(StoredValues.needsEscape("a$"));
        assertFalse(StoredValues.needsEscape("%2E"));
        assertNull(StoredValues.unescapeKey("%zz"), "not an escape this class writes");
        assertNull(StoredValues.unescapeKey("a%2"));
        assertNull(StoredValues.unescapeKey("a.b"));
    }

    @Test
    void onlyTheExactEncodedFormsAreRecognised() {
        assertEquals(StoredValues.NEGATIVE_ZERO, StoredValues.formOf(new Document("%ledgerd", 3)));
        assertEquals(0, StoredValues.formOf(new Document("%ledgerd", 3).append("x", 1)));
        assertEquals(StoredValues.ARRAY_IN_ARRAY, StoredValues.formOf(new Document("%ledgerd", 1)));
        assertEquals(
                StoredValues.ARRAY_IN_ARRAY,
                StoredValues.formOf(new Document("%ledgerd", 1).append("0", "a").append("1", "b")));
        assertEquals(0, StoredValues.formOf(new Document("%ledgerd", 1).append("1", "a")));
        assertEquals(0, StoredValues.formOf(new Document("a", 1).append("%ledgerd", 1)));
        assertEquals(StoredValues.ESCAPED_KEYS, StoredValues.formOf(new Document("%ledgerd", 2).append("%24a", 1)));
        assertEquals(0, StoredValues.formOf(new Document("%ledgerd", 2).append("a", 1)), "nothing needed escaping");
        assertEquals(0, StoredValues.formOf(new Document("%ledgerd", 2L).append("%24a", 1)), "int32 only");
        assertEquals(0, StoredValues.formOf(new Document("%ledgerd", "3")));
        assertEquals(0, StoredValues.formOf(new Document("a", 1)));
        assertTrue(StoredValues.isNegativeZero(-0.0));
        assertFalse(StoredValues.isNegativeZero(0.0));
    }
}
