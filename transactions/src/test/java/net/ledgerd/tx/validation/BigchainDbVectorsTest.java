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
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.json.StrictJson;
import net.ledgerd.tx.ledger.LedgerOverlay;
import net.ledgerd.tx.ledger.LedgerView;
import net.ledgerd.tx.model.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Agreement with BigchainDB 2.2.2 itself. {@code vectors/bigchaindb.jsonl} was produced at
 * development time by {@code compat/oracle/gen_bigchaindb_vectors.py}, which builds, mutates and
 * judges transactions with the bigchaindb 2.2.2 package (Python 3.7, python-rapidjson 0.9.1,
 * cryptoconditions 0.8.0). The consensus rules ({@link Validator#validate} with {@link ValidationPolicy#CONSENSUS},
 * what DeliverTx applies) must accept exactly what BigchainDB accepts, reject what it rejects or
 * crashes on, and name the same exception class where one maps. The mempool policy (what CheckTx
 * applies) may refuse more, only the listed vectors, each with its policy rule.
 */
class BigchainDbVectorsTest {

    /** Transactions BigchainDB 2.2.2 commits that ledgerd's mempool policy refuses, and the rule. */
    static final Map<String, Rule> STRICTER = Map.ofEntries(
            Map.entry("create_duplicate_key_last_signed", Rule.DUPLICATE_KEY),
            Map.entry("create_duplicate_top_level_key", Rule.DUPLICATE_KEY),
            Map.entry("create_signed_by_non_owner", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_empty_threshold_fulfillment", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_preimage_fulfillment", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_threshold_with_preimage", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_prefix_fulfillment", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_rsa_fulfillment", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_owners_before_empty", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_owners_before_longer", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_owners_before_not_a_key", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_owners_before_key_inside_text", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_threshold_fulfillment_single_owner", Rule.CREATE_SIGNER_MISMATCH),
            Map.entry("create_fulfillment_long_length", Rule.NON_CANONICAL_FULFILLMENT),
            Map.entry("create_fulfillment_trailing_bytes", Rule.NON_CANONICAL_FULFILLMENT),
            Map.entry("create_fulfillment_base64_unused_bits", Rule.NON_CANONICAL_FULFILLMENT),
            Map.entry("create_two_signers_unsorted_set", Rule.NON_CANONICAL_FULFILLMENT),
            Map.entry("transfer_fulfillment_trailing_bytes", Rule.NON_CANONICAL_FULFILLMENT),
            Map.entry("create_output_uri_not_details", Rule.OUTPUT_CONDITION_MISMATCH),
            Map.entry("create_output_uri_of_other_key", Rule.OUTPUT_CONDITION_MISMATCH),
            Map.entry("create_output_threshold_above_subconditions", Rule.INVALID_CONDITION),
            Map.entry("create_output_threshold_no_subconditions", Rule.INVALID_CONDITION));

    /** Rejected by both, but BigchainDB reports another exception class than our rule maps to. */
    static final Map<String, Rule> OTHER_REASON = Map.of();

    /**
     * Our verdict on a vector: "valid" or "RULE: message".
     *
     * @param mempoolPolicy false for the consensus rules only (DeliverTx), true to add the policy
     */
    static String judge(JsonNode rec, boolean mempoolPolicy) {
        try {
            Transaction tx = Transactions.parse(rec.get("tx").textValue().getBytes(StandardCharsets.UTF_8));
            LedgerOverlay ledger = new LedgerOverlay(LedgerView.EMPTY);
            if (tx.operation().transferLike()) {
                for (JsonNode s : rec.get("spent")) {
                    ledger.add(Transactions.parse(s.textValue().getBytes(StandardCharsets.UTF_8)));
                }
            }
            Validator.validate(tx, ledger, mempoolPolicy ? ValidationPolicy.MEMPOOL : ValidationPolicy.CONSENSUS);
            return "valid";
        } catch (ValidationException e) {
            return e.rule().name() + ": " + e.getMessage();
        }
    }

    /** The records of a JSON-lines vector file on the test class path. */
    static List<JsonNode> records(String resource) throws java.io.IOException {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                BigchainDbVectorsTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                records.add(m.readTree(line));
            }
        }
        return records;
    }

    static String ruleOf(String verdict) {
        return verdict.equals("valid") ? "valid" : verdict.substring(0, verdict.indexOf(':'));
    }

    @Test
    void agreesWithBigchainDb222() throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        int n = 0;
        int valid = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/vectors/bigchaindb.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode rec = m.readTree(line);
                n++;
                String name = rec.get("name").textValue();
                String verdict = rec.get("verdict").textValue();
                String consensus = judge(rec, false);
                String ourRule = ruleOf(consensus);
                String withPolicy = ruleOf(judge(rec, true));
                if (verdict.equals("valid")) {
                    valid++;
                }
                if (STRICTER.containsKey(name)) {
                    if (!withPolicy.equals(STRICTER.get(name).name())
                            || !STRICTER.get(name).mempoolPolicy()) {
                        problems.add(name + ": expected mempool policy " + STRICTER.get(name) + ", got " + withPolicy);
                    }
                } else if (withPolicy.equals("valid") != ourRule.equals("valid")) {
                    problems.add(name + ": mempool policy changes the verdict " + ourRule + " to " + withPolicy);
                }
                if (OTHER_REASON.containsKey(name)) {
                    if (!ourRule.equals(OTHER_REASON.get(name).name())) {
                        problems.add(name + ": expected ours " + OTHER_REASON.get(name) + ", got " + consensus);
                    }
                } else if (verdict.equals("valid")) {
                    // NOT_STORABLE is the last rule: BigchainDB accepts such a transaction and then
                    // crashes when MongoDB refuses it at Commit (a documented difference).
                    if (!ourRule.equals("valid") && !ourRule.equals(Rule.NOT_STORABLE.name())) {
                        problems.add(name + ": BigchainDB accepts, our consensus rules reject: " + consensus);
                    }
                } else if (ourRule.equals("valid")) {
                    problems.add(name + ": BigchainDB rejects (" + verdict + "), we accept");
                } else if (!verdict.startsWith("crash:")
                        && !ourRule.equals("INPUT_DOES_NOT_EXIST")
                        && !Rule.valueOf(ourRule).bigchaindbError().equals(verdict)) {
                    problems.add(name + ": BigchainDB says " + verdict + ", we say " + consensus);
                }
            }
        }
        assertTrue(n > 150 && valid > 20, "vectors " + n + ", valid " + valid);
        assertEquals(List.of(), problems);
    }

    /**
     * Every transaction 2.2.2 accepts, in the form its HTTP API returns it ({@code to_dict()}, the
     * vectors' "served"): {@link Transaction#servedForm()} must equal it (key order aside), or be
     * empty where 2.2.2's to_dict raises.
     */
    @Test
    void servedFormIsBigchainDbsToDict() throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        int compared = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/vectors/bigchaindb.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode rec = m.readTree(line);
                JsonNode served = rec.get("served");
                if (served == null) {
                    continue;
                }
                compared++;
                String name = rec.get("name").textValue();
                Transaction tx = Transactions.parse(rec.get("tx").textValue().getBytes(StandardCharsets.UTF_8));
                var ours = tx.servedForm();
                if (served.isTextual()) {
                    if (ours.isPresent()) {
                        problems.add(name + ": 2.2.2's to_dict fails (" + served.textValue() + "), we serve " + ours);
                    }
                } else if (ours.isEmpty()) {
                    problems.add(name + ": 2.2.2 serves it, we cannot");
                } else if (!ours.get().equals(StrictJson.parseAsBigchainDbServer(m.writeValueAsBytes(served)))) {
                    problems.add(name + ": 2.2.2 serves " + served + "\n  we serve " + ours.get());
                }
            }
        }
        assertTrue(compared > 40, "served forms compared: " + compared);
        assertEquals(List.of(), problems);
    }
}
