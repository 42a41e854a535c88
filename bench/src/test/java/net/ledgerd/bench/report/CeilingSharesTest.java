package net.ledgerd.bench.report;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import net.ledgerd.bench.send.LoadDriver;
import net.ledgerd.bench.send.TxLog;
import net.ledgerd.bench.send.TxLogs;
import org.junit.jupiter.api.Test;

class CeilingSharesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void everyOtherNetworkIsGivenAsAShareOfTheCeilingInRunOrder() {
        List<RunSummary> runs = List.of(run("ours", 10), run("noop ceiling", 40), run("kvstore ceiling", 30));
        assertEquals(
                List.of(
                        "ours / noop ceiling (committed tx/s): 10 / 40 = 0.25",
                        "kvstore ceiling / noop ceiling (committed tx/s): 30 / 40 = 0.75"),
                CeilingShares.lines(runs, "noop ceiling"));
    }

    @Test
    void noSharesWithoutACeilingThatCommitted() {
        assertEquals(
                List.of(), CeilingShares.lines(List.of(run("ours", 10), run("kvstore ceiling", 30)), "noop ceiling"));
        assertEquals(List.of(), CeilingShares.lines(List.of(run("ours", 10), run("noop ceiling", 0)), "noop ceiling"));
        assertEquals(List.of(), CeilingShares.lines(List.of(run("noop ceiling", 40)), "noop ceiling"));
    }

    /** A run that committed {@code committed} transactions, the last one 1 s after the first send. */
    private static RunSummary run(String target, int committed) {
        int n = Math.max(committed, 1);
        TxLog log = new TxLog(n);
        long[] commit = new long[n];
        for (int i = 0; i < n; i++) {
            TxLogs.sentAndAccepted(log, i, i, S, S + S / 100);
            if (i < committed) {
                log.committedAt(i, 1);
                commit[i] = 2 * S;
            }
        }
        return RunSummary.of(target, "rpc", "load", new LoadDriver.Sent(n, 0, S, 2 * S, false), log, i -> commit[i]);
    }
}
