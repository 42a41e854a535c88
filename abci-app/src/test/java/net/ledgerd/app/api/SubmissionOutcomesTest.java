package net.ledgerd.app.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import net.ledgerd.app.node.TestTransactions;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.model.Transaction;
import org.junit.jupiter.api.Test;

/** Matching the app's own verdicts to the submissions the HTTP API waits for. */
class SubmissionOutcomesTest {
    private final TestTransactions txs = new TestTransactions();
    private final SubmissionOutcomes outcomes = new SubmissionOutcomes();

    private static Transaction parsed(byte[] raw) throws Exception {
        return Transactions.parse(raw);
    }

    @Test
    void checkVerdictThenCommitOfTheId() throws Exception {
        byte[] raw = txs.create("one");
        Transaction tx = parsed(raw);
        try (SubmissionOutcomes.Pending p = outcomes.expect(raw, tx.id())) {
            outcomes.checked(raw, 0, "");
            assertEquals(new SubmissionOutcomes.Verdict(0, ""), p.checked.getNow(null));
            assertFalse(p.settled.isDone());
            outcomes.committed(new BlockRecord(1, "", List.of(tx.id())), List.of(tx));
            assertEquals(SubmissionOutcomes.Verdict.COMMITTED, p.settled.getNow(null));
        }
    }

    @Test
    void refusalsAreReportedWithTheirCode() throws Exception {
        byte[] raw = txs.create("two");
        try (SubmissionOutcomes.Pending p = outcomes.expect(raw, parsed(raw).id())) {
            outcomes.checked(raw, 1, "DOUBLE_SPEND");
            assertEquals(1, p.checked.getNow(null).code());
        }
        byte[] other = txs.create("three");
        try (SubmissionOutcomes.Pending p = outcomes.expect(other, parsed(other).id())) {
            outcomes.checked(other, 0, "");
            outcomes.refusedInBlock(other, 1, "DUPLICATE");
            assertEquals(new SubmissionOutcomes.Verdict(1, "DUPLICATE"), p.settled.getNow(null));
        }
    }

    @Test
    void verdictsOnOtherBytesOrIdsDoNotMatch() throws Exception {
        byte[] raw = txs.create("four");
        byte[] sameIdOtherBytes = txs.sameIdOtherBytes(raw);
        byte[] unrelated = txs.create("five");
        try (SubmissionOutcomes.Pending p = outcomes.expect(raw, parsed(raw).id())) {
            outcomes.checked(sameIdOtherBytes, 1, "");
            outcomes.refusedInBlock(unrelated, 1, "");
            outcomes.committed(new BlockRecord(1, "", List.of()), List.of(parsed(unrelated)));
            assertFalse(p.checked.isDone());
            assertFalse(p.settled.isDone());
            // The same id committed from other bytes is still this transaction committed.
            outcomes.committed(new BlockRecord(2, "", List.of()), List.of(parsed(sameIdOtherBytes)));
            assertTrue(p.settled.isDone());
        }
    }

    @Test
    void twoWaitersOnTheSameBytesBothHearAndClosingForgetsThem() throws Exception {
        byte[] raw = txs.create("six");
        String id = parsed(raw).id();
        SubmissionOutcomes.Pending first = outcomes.expect(raw, id);
        SubmissionOutcomes.Pending second = outcomes.expect(raw, id);
        outcomes.checked(raw, 0, "");
        assertTrue(first.checked.isDone());
        assertTrue(second.checked.isDone());
        first.close();
        second.close();
        SubmissionOutcomes.Pending later = outcomes.expect(txs.create("seven"), "other");
        outcomes.checked(raw, 1, "");
        assertFalse(later.checked.isDone());
        later.close();
        assertTrue(outcomes.isIdle(), "closed submissions are no longer tracked");
    }
}
