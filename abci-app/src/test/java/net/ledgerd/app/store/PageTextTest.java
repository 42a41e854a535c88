package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class PageTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a page's text was before: the stored text parsed, the entry added, the whole written again. */
    private static String parsedAndWritten(String stored, JsonNode entry) throws Exception {
        ArrayNode entries = stored == null ? JSON.createArrayNode() : (ArrayNode) JSON.readTree(stored);
        return entries.add(entry).toString();
    }

    @Test
    void appendingAnEntrysTextGivesThePageParsedWithTheEntryAddedAndWrittenAgain() throws Exception {
        Random random = new Random(9);
        for (int run = 0; run < 50; run++) {
            String stored = null;
            for (int n = 0; n < 1 + random.nextInt(30); n++) {
                JsonNode entry = entry(random, n);
                String expected = parsedAndWritten(stored, entry);
                PageText text = PageText.of(stored == null ? new Document("_id", "p") : new Document("e", stored));
                text.add(entry);
                if (random.nextBoolean()) {
                    // Several entries in one pass, the page written once.
                    JsonNode next = entry(random, n + 1);
                    expected = parsedAndWritten(expected, next);
                    text.add(next);
                }
                assertEquals(expected, text.text());
                stored = text.text();
            }
        }
        assertEquals("[{\"a\":1}]", addedTo("[]", JSON.readTree("{\"a\":1}")));
    }

    @Test
    void aPageThatIsNotAnArrayIsRefused() {
        assertThrows(IllegalStateException.class, () -> PageText.of(new Document("e", "{\"a\":1}")));
        assertThrows(IllegalStateException.class, () -> PageText.of(new Document("e", "")));
    }

    private static String addedTo(String stored, JsonNode entry) {
        PageText text = PageText.of(new Document("e", stored));
        text.add(entry);
        return text.text();
    }

    /** An entry as {@link HistoryEntries#entry} makes one, with metadata of the values JSON has. */
    private static JsonNode entry(Random random, int position) {
        ObjectNode e = JSON.createObjectNode()
                .put("id", Long.toHexString(random.nextLong()))
                .put("operation", "TRANSFER")
                .put("height", 1L + random.nextInt(1_000_000))
                .put("position", (long) position);
        e.putArray("spends").addObject().put("transaction_id", "ab").put("output_index", 0);
        ObjectNode meta = e.putObject("metadata");
        meta.put("d", random.nextGaussian() * Math.pow(10, random.nextInt(600) - 300))
                .put("z", -0.0)
                .put("i", random.nextLong())
                .put("b", new BigInteger(90, random))
                .put("s", "é😀\"\\\n\t\u0001/\u2028 x")
                .putNull("n")
                .put("t", random.nextBoolean());
        meta.putArray("a")
                .add(1.5e-300)
                .add(Double.MAX_VALUE)
                .add(Double.MIN_NORMAL)
                .addArray();
        meta.putObject("o");
        return e;
    }
}
