package net.ledgerd.tx.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.ledger.LedgerView;
import org.junit.jupiter.api.Test;

/**
 * Unusual float spellings judged as a real BigchainDB 2.2.2 server judges them (gevent's
 * flush-to-zero included). {@code vectors/bigchaindb-floats.jsonl} was produced by {@code
 * compat/oracle/gen_float_vectors.py} with bigchaindb 2.2.2 and its pins on Python 3.6: each
 * spelling in metadata and in asset data, with the id computed by BigchainDB's Python code without
 * gevent (a client's tools) and with it (the server's own view).
 */
class FloatVectorsTest {

    /** BigchainDB's exception class for a refusal, and the rules of ours that may stand for it. */
    static final Map<String, Set<String>> SAME_REFUSAL = Map.of(
            "InvalidHash", Set.of(Rule.INVALID_ID.name()),
            // NaN, Infinity, -Infinity and 1e309: Python reads them, rapidjson's schema validator does not
            "SchemaValidationError", Set.of(Rule.MALFORMED_JSON.name(), Rule.NUMBER_OUT_OF_RANGE.name()));

    static String judge(String raw, boolean mempoolPolicy) {
        try {
            var tx = Transactions.parse(raw.getBytes(StandardCharsets.UTF_8));
            Validator.validate(
                    tx, LedgerView.EMPTY, mempoolPolicy ? ValidationPolicy.MEMPOOL : ValidationPolicy.CONSENSUS);
            return "valid";
        } catch (ValidationException e) {
            return e.rule().name();
        }
    }

    @Test
    void everySpellingGetsBigchainDbsVerdict() throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        int n = 0;
        int invalidHash = 0;
        int valid = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/vectors/bigchaindb-floats.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode rec = m.readTree(line);
                n++;
                String verdict = rec.get("verdict").textValue();
                String raw = rec.get("tx").textValue();
                String consensus = judge(raw, false);
                String checkTx = judge(raw, true);
                String where =
                        rec.get("name").textValue() + " (" + rec.get("spelling").textValue() + ")";
                if (verdict.equals("valid")) {
                    valid++;
                    // NOT_STORABLE (an integer beyond 64 bits) is the last rule: BigchainDB accepts such a
                    // transaction and then fails when MongoDB refuses it at Commit (a documented difference).
                    if (!consensus.equals("valid") && !consensus.equals(Rule.NOT_STORABLE.name())) {
                        problems.add(where + ": BigchainDB accepts, we refuse as " + consensus);
                    }
                } else {
                    invalidHash += verdict.equals("InvalidHash") ? 1 : 0;
                    Set<String> allowed = SAME_REFUSAL.getOrDefault(verdict, Set.of());
                    if (!allowed.contains(consensus)) {
                        problems.add(where + ": BigchainDB refuses as " + verdict + ", we say " + consensus);
                    }
                }
                if (!checkTx.equals(consensus)) {
                    problems.add(where + ": no mempool policy applies to numbers, yet CheckTx says " + checkTx);
                }
            }
        }
        assertTrue(n >= 400 && valid >= 300 && invalidHash >= 60, n + " vectors, " + valid + " valid, " + invalidHash);
        assertEquals(List.of(), problems);
    }
}
