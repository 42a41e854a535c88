package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonSizeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int LIMIT = 1024;

    /** The decision {@link JsonSize#atMost} must give: that of the whole text's UTF-8 bytes. */
    private static void assertSameDecision(JsonNode value, int limit) {
        int bytes = value.toString().getBytes(StandardCharsets.UTF_8).length;
        assertEquals(bytes <= limit, JsonSize.atMost(value, limit), () -> bytes + " bytes, limit " + limit);
    }

    @Test
    void theDecisionAtTheLimitIsThatOfTheWholeText() {
        // Strings whose text ends just below, at and just past the limit, in characters of 1 to 4
        // bytes, escapes and lone surrogates (String.getBytes makes each one byte).
        List<String> pieces =
                List.of("a", "é", "€", "😀", "\"", "\\", "\n", "\u0001", "/", "\ud83d", "\ude00", "\ud83dx");
        for (String piece : pieces) {
            for (int n = 0; n < 1100; n++) {
                ObjectNode meta = F.objectNode().put("note", piece.repeat(n));
                int bytes = meta.toString().getBytes(StandardCharsets.UTF_8).length;
                if (bytes >= LIMIT - 8 && bytes <= LIMIT + 8) {
                    for (int limit = LIMIT - 6; limit <= LIMIT + 6; limit++) {
                        assertSameDecision(meta, limit);
                    }
                }
            }
        }
    }

    @Test
    void theDecisionIsThatOfTheWholeTextForValuesOfEveryKind() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            JsonNode value = randomValue(random, 0);
            assertSameDecision(value, LIMIT);
            assertSameDecision(value, value.toString().getBytes(StandardCharsets.UTF_8).length);
            assertSameDecision(value, value.toString().getBytes(StandardCharsets.UTF_8).length - 1);
        }
        assertSameDecision(JSON.readTree("{\"a\":1e300,\"b\":-0.0,\"c\":[null,true,false]}"), 30);
    }

    @Test
    void theIngestorsMetadataIsPastTheLimit() {
        ObjectNode readings = F.objectNode();
        ArrayNode t = readings.putArray("t");
        ArrayNode v = readings.putArray("v");
        for (int r = 0; r < 500; r++) {
            t.add(1_764_000_000_000L + 3 * r);
            v.add(21.5 + r / 100.0);
        }
        ObjectNode meta = F.objectNode().set("readings", readings.put("tz", "UTC"));
        assertEquals(false, JsonSize.atMost(meta, LIMIT));
        assertEquals(true, JsonSize.atMost(meta, meta.toString().length()));
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = depth > 3 ? random.nextInt(6) : random.nextInt(8);
        return switch (kind) {
            case 0 -> F.numberNode(random.nextLong());
            case 1 -> F.numberNode(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            case 2 -> F.numberNode(new BigInteger(100, random));
            case 3 -> F.textNode(randomText(random));
            case 4 -> random.nextBoolean() ? F.booleanNode(random.nextBoolean()) : F.nullNode();
            case 5 -> F.numberNode(random.nextInt());
            case 6 -> {
                ArrayNode a = F.arrayNode();
                int n = random.nextInt(depth == 0 ? 100 : 5);
                for (int k = 0; k < n; k++) {
                    a.add(randomValue(random, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                int n = random.nextInt(depth == 0 ? 30 : 5);
                for (int k = 0; k < n; k++) {
                    o.set(randomText(random), randomValue(random, depth + 1));
                }
                yield o;
            }
        };
    }

    private static String randomText(Random random) {
        char[] alphabet = {'a', 'Z', '0', ' ', '"', '\\', '\n', '\t', '\u0000', '\u001f', 'é', 'ß', '€', '\u2028'};
        List<String> parts = new ArrayList<>();
        int n = random.nextInt(random.nextInt(10) == 0 ? 400 : 12);
        for (int k = 0; k < n; k++) {
            int c = random.nextInt(alphabet.length + 3);
            parts.add(
                    c < alphabet.length
                            ? String.valueOf(alphabet[c])
                            : c == alphabet.length ? "😀" : c == alphabet.length + 1 ? "\ud83d" : "\ude00");
        }
        return String.join("", parts);
    }
}
