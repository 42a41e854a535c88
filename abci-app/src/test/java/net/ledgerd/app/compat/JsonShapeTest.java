package net.ledgerd.app.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How API bodies are compared: key order ignored, number spellings and list order kept. */
class JsonShapeTest {
    private static String diff(String a, String b) {
        return JsonShape.firstDifference(JsonShape.parse(a), JsonShape.parse(b));
    }

    @Test
    void keyOrderDoesNotMatter() {
        assertNull(diff("{\"a\":1,\"b\":{\"c\":[1,2],\"d\":null}}", "{\"b\":{\"d\":null,\"c\":[1,2]},\"a\":1}"));
    }

    @Test
    void numberSpellingsDiffer() {
        assertEquals("$.v: ours 1.0E16, BigchainDB 1e+16", diff("{\"v\":1.0E16}", "{\"v\":1e+16}"));
        assertEquals("$[0]: ours 7, BigchainDB \"7\"", diff("[7]", "[\"7\"]"));
    }

    @Test
    void missingKeysAndListLengthsAreNamed() {
        assertEquals("$.x: only ours has it", diff("{\"x\":1}", "{}"));
        assertEquals("$: 1 elements in ours, 2 in BigchainDB's", diff("[1]", "[1,2]"));
        assertTrue(diff("[1,2]", "[2,1]").startsWith("$[0]"));
        assertNull(JsonShape.firstDifference(
                JsonShape.sortedList(JsonShape.parse("[2,1]")), JsonShape.sortedList(JsonShape.parse("[1,2]"))));
    }

    @Test
    void textThatIsNotJsonIsAValueOfItsOwn() {
        assertTrue(String.valueOf(JsonShape.parse("<html>")).startsWith("not JSON: "));
        assertTrue(diff("{}", "<html>").startsWith("$: ours {}"));
    }
}
