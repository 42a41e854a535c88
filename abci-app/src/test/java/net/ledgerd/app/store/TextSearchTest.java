package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TextSearchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode doc(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void anyWordMatchesCaseAndDiacriticInsensitively() throws Exception {
        JsonNode d = doc("{\"data\":{\"sensor\":\"Température Kitchen\",\"nested\":[{\"k\":\"humidity\"}]}}");
        assertTrue(new TextSearch("temperature").score(d) > 0);
        assertTrue(new TextSearch("KITCHEN garage").score(d) > 0);
        assertTrue(new TextSearch("HUMIDITY").score(d) > 0, "nested values are searched");
        assertEquals(0, new TextSearch("garage").score(d));
    }

    @Test
    void phrasesMustAllMatchAndNegationsExclude() throws Exception {
        JsonNode d = doc("{\"data\":{\"a\":\"red fox jumps\",\"b\":\"lazy dog\"}}");
        assertTrue(new TextSearch("\"red fox\"").score(d) > 0);
        assertEquals(0, new TextSearch("\"fox red\"").score(d));
        assertEquals(0, new TextSearch("fox -dog").score(d));
        assertTrue(new TextSearch("fox -cat").score(d) > 0);
    }

    @Test
    void moreMatchingWordsScoreHigher() throws Exception {
        JsonNode one = doc("{\"a\":\"alpha\"}");
        JsonNode two = doc("{\"a\":\"alpha beta\"}");
        TextSearch s = new TextSearch("alpha beta");
        assertTrue(s.score(two) > s.score(one));
    }

    @Test
    void keysAndNumbersAreNotText() throws Exception {
        JsonNode d = doc("{\"secretkey\":42}");
        assertEquals(0, new TextSearch("secretkey").score(d));
        assertEquals(0, new TextSearch("42").score(d));
    }
}
