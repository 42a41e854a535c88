package net.ledgerd.tx.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.ledger.LedgerOutput;
import net.ledgerd.tx.ledger.LedgerOverlay;
import net.ledgerd.tx.ledger.LedgerView;
import net.ledgerd.tx.ledger.OutputLink;
import net.ledgerd.tx.ledger.WithValidators;
import net.ledgerd.tx.model.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Agreement with BigchainDB 2.2.2 on elections and votes. {@code vectors/elections.jsonl} was
 * produced by {@code compat/oracle/gen_election_vectors.py}: transactions built with 2.2.2's own
 * ValidatorElection, ChainMigrationElection and Vote classes, mutated, and judged by 2.2.2's code
 * against four validators (judge_elections.py). The consensus rules must accept exactly what it
 * accepts and name the same exception class where it refuses (any rule where it crashes).
 */
class ElectionVectorsTest {

    /** Accepted by 2.2.2, refused by ledgerd's mempool policy only (consensus accepts), and the rule. */
    static final Map<String, Rule> STRICTER = Map.of("ve_signed_by_non_validator", Rule.CREATE_SIGNER_MISMATCH);

    /**
     * Accepted by 2.2.2, refused by ledgerd's consensus rules: 2.2.2 checks no keys in an election's
     * or vote's metadata and then cannot store a '$' key at Commit (MongoDB refuses it); ledgerd
     * refuses it before the block, as for CREATE and TRANSFER.
     */
    static final Map<String, Rule> REFUSED_BEFORE_COMMIT = Map.of("ve_metadata_dollar_key", Rule.FORBIDDEN_KEY);

    static String judge(JsonNode rec, boolean mempoolPolicy) {
        try {
            Transaction tx = Transactions.parse(rec.get("tx").textValue().getBytes(StandardCharsets.UTF_8));
            LedgerOverlay ledger = new LedgerOverlay(LedgerView.EMPTY);
            for (JsonNode s : rec.get("spent")) {
                ledger.add(Transactions.parse(s.textValue().getBytes(StandardCharsets.UTF_8)));
            }
            if (rec.get("committed").asBoolean()) {
                ledger.add(tx);
            }
            Map<String, Long> validators = new LinkedHashMap<>();
            for (JsonNode v : rec.get("validators")) {
                validators.put(v.get(0).textValue(), v.get(1).longValue());
            }
            LedgerView view = new WithValidators(new SpentOutputs(ledger, rec.get("spent_outputs")), validators);
            Validator.validate(tx, view, mempoolPolicy ? ValidationPolicy.MEMPOOL : ValidationPolicy.CONSENSUS);
            return "valid";
        } catch (ValidationException e) {
            return e.rule().name() + ": " + e.getMessage();
        }
    }

    @Test
    void agreesWithBigchainDb222() throws Exception {
        List<String> problems = new ArrayList<>();
        int n = 0;
        int valid = 0;
        for (JsonNode rec : BigchainDbVectorsTest.records("/vectors/elections.jsonl")) {
            n++;
            String name = rec.get("name").textValue();
            String verdict = rec.get("verdict").textValue();
            String consensus = judge(rec, false);
            String ours = BigchainDbVectorsTest.ruleOf(consensus);
            String withPolicy = BigchainDbVectorsTest.ruleOf(judge(rec, true));
            if (verdict.equals("valid")) {
                valid++;
            }
            if (STRICTER.containsKey(name)) {
                if (!withPolicy.equals(STRICTER.get(name).name()) || !ours.equals("valid")) {
                    problems.add(name + ": expected consensus valid and policy " + STRICTER.get(name) + ", got " + ours
                            + " / " + withPolicy);
                }
                continue;
            }
            if (!withPolicy.equals(ours)) {
                problems.add(name + ": mempool policy changes the verdict " + ours + " to " + withPolicy);
            }
            if (REFUSED_BEFORE_COMMIT.containsKey(name)) {
                if (!ours.equals(REFUSED_BEFORE_COMMIT.get(name).name()) || !verdict.equals("valid")) {
                    problems.add(name + ": expected 2.2.2 valid and ours " + REFUSED_BEFORE_COMMIT.get(name) + ", got "
                            + verdict + " / " + consensus);
                }
            } else if (verdict.equals("valid") != ours.equals("valid")) {
                problems.add(name + ": BigchainDB says " + verdict + ", we say " + consensus);
            } else if (!verdict.equals("valid")
                    && !verdict.startsWith("crash:")
                    && !Rule.valueOf(ours).bigchaindbError().equals(verdict)) {
                problems.add(name + ": BigchainDB says " + verdict + ", we say " + consensus);
            }
        }
        assertTrue(n > 60 && valid > 20, "vectors " + n + ", valid " + valid);
        assertEquals(List.of(), problems);
    }

    /** A view where the listed outputs are spent (by a transaction the record does not show). */
    private record SpentOutputs(LedgerView base, JsonNode spent) implements LedgerView {
        private boolean isSpent(OutputLink output) {
            for (JsonNode s : spent) {
                if (s.get(0).textValue().equals(output.transactionId())
                        && s.get(1).intValue() == output.outputIndex()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean contains(String transactionId) {
            return base.contains(transactionId);
        }

        @Override
        public Optional<LedgerOutput> unspent(OutputLink output) {
            return isSpent(output) ? Optional.empty() : base.unspent(output);
        }

        @Override
        public OptionalInt outputCount(String transactionId) {
            return base.outputCount(transactionId);
        }

        @Override
        public Map<String, Long> validators() {
            return base.validators();
        }
    }
}
