package net.ledgerd.tx.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written matchers agree with the schema's regular expressions (search semantics). */
class PatternsTest {

    static void agree(Pattern p, Predicate<String> m, List<String> inputs) {
        for (String s : inputs) {
            assertEquals(p.matcher(s).find(), m.test(s), p + " on \"" + s + "\"");
        }
    }

    static List<String> random(String alphabet, int count, int maxLen, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = r.nextInt(maxLen + 1);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void simplePatterns() {
        List<String> hex = random("0123456789abcdefABX ", 3000, 90, 1);
        hex.add("a".repeat(64));
        hex.add("x" + "0".repeat(64) + "x");
        hex.add("0".repeat(63));
        agree(SchemaV2.SHA3_HEXDIGEST, Patterns::sha3Hexdigest, hex);
        List<String> b58 = random("123456789abcOIl^0+/ ", 3000, 60, 2);
        b58.add("1".repeat(43));
        b58.add("1".repeat(42));
        b58.add("--" + "A".repeat(45) + "--");
        agree(SchemaV2.BASE58, Patterns::base58, b58);
        List<String> amounts = random("0129a-.", 3000, 22, 3);
        amounts.add("1".repeat(20));
        amounts.add("1".repeat(21));
        amounts.add("5\n");
        agree(SchemaV2.AMOUNT, Patterns::amount, amounts);
        List<String> ful = random("aZ09_-=+/\n", 3000, 12, 4);
        agree(SchemaV2.FULFILLMENT, Patterns::base64Url, ful);
        agree(SchemaV2.VERSION, Patterns::version, List.of("2.0", "2.0\n", "2.00", "12.0", "2x0", "", "2.1"));
    }

    @Test
    void conditionUri() {
        String fp = "SPn_lVGhY_CiWpYTTUoocHC9LPKQFUGnPr-yGK3vPHM";
        List<String> uris = new ArrayList<>(List.of(
                "ni:///sha-256;" + fp + "?fpt=ed25519-sha-256&cost=131072",
                "ni:///sha-256;" + fp + "?fpt=threshold-sha-256&cost=265216&subtypes=ed25519-sha-256",
                "ni:///sha-256;" + fp + "?cost=1&fpt=ed25519-sha-256&",
                "ni:///sha-256;" + fp + "?fpt=ed25519-sha-256cost=5",
                "ni:///sha-256;" + fp + "?fpt=ed25519-sha-256",
                "ni:///sha-256;" + fp + "?fpt=ed25519-sha-256&cost=1&cost=2&cost=3",
                "ni:///sha-256;" + fp + "?cost=&fpt=ed25519-sha-256",
                "ni:///sha-256;" + fp + "?fpt=ed25519-sha-256&cost=131072\n",
                "ni:///sha-256;" + "A".repeat(87) + "?fpt=ed25519-sha-256&cost=1",
                "ni:///sha-256;?cost=1cost=2",
                "ni:///sha-256;" + fp + "?fpt=preimage-sha-256&cost=1",
                "xni:///sha-256;" + fp + "?fpt=ed25519-sha-256&cost=1"));
        Random r = new Random(9);
        String[] parts = {
            "fpt=ed25519-sha-256",
            "fpt=threshold-sha-256",
            "cost=",
            "1",
            "23",
            "&",
            "&&",
            "subtypes=ed25519-sha-256",
            "x",
            "subtypes=",
            "?"
        };
        for (int i = 0; i < 20000; i++) {
            StringBuilder sb = new StringBuilder("ni:///sha-256;")
                    .append(fp.substring(0, r.nextInt(fp.length())))
                    .append('?');
            int n = r.nextInt(7);
            for (int j = 0; j < n; j++) {
                sb.append(parts[r.nextInt(parts.length)]);
            }
            uris.add(sb.toString());
        }
        agree(SchemaV2.CONDITION_URI, Patterns::conditionUri, uris);
    }
}
