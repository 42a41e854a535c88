package net.ledgerd.bench.track;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.ledgerd.bench.report.CsvReport;
import net.ledgerd.bench.report.RunSummary;
import net.ledgerd.bench.report.TargetRun;
import net.ledgerd.bench.send.Load;
import net.ledgerd.bench.send.LoadDriver;
import net.ledgerd.bench.send.Transport;
import net.ledgerd.bench.send.TxLog;
import net.ledgerd.bench.workload.BenchTx;
import net.ledgerd.bench.workload.Workload;
import net.ledgerd.testkit.TendermintNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender and the commit tracker against a real Tendermint 0.31.5 node running the built-in noop app: every
 * transaction is accepted and found committed, no commit precedes its send, and each TRANSFER went out after its
 * CREATE committed.
 */
class BenchAgainstNoopNodeTest {
    @Test
    void everyTransactionIsSentAcceptedAndCommittedInOrder(@TempDir Path dir) throws Exception {
        Workload w = Workload.generate(150, 30, 5);
        try (TendermintNode node = TendermintNode.builder()
                .proxyApp("noop")
                .name("bench-noop")
                .init()
                .start()) {
            node.awaitHeight(1, Duration.ofSeconds(30));
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            TxLog log = new TxLog(w.size());
            CommitTracker tracker = new CommitTracker(http, List.of(node.rpcUrl()), w, log);
            tracker.start();
            LoadDriver.Sent sent;
            try {
                Transport rpc = Transport.of(Transport.Via.RPC_ASYNC, List.of(node.rpcUrl()), Duration.ofSeconds(10));
                Load load = new Load(Duration.ofSeconds(60), 0, 4, 0, 0.2, Duration.ofMillis(50), 5);
                sent = new LoadDriver(w, rpc, tracker, log, load).run();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (tracker.committed() < w.size() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            } finally {
                tracker.close();
            }
            assertNull(tracker.failure());
            assertTrue(sent.workloadExhausted(), "all 180 were sent well within the 60 s");
            long[] commits = new long[w.size()];
            for (int i = 0; i < w.size(); i++) {
                assertTrue(log.accept(i) >= log.send(i) && log.send(i) > 0, "tx " + i + " accepted");
                commits[i] = tracker.commitTime(i);
                assertTrue(commits[i] >= log.send(i), "tx " + i + " committed after its send");
            }
            for (BenchTx t : w.transfers()) {
                assertTrue(
                        log.send(t.index()) >= commits[t.parent()],
                        "TRANSFER " + t.index() + " sent after its CREATE committed");
                assertEquals(log.member(t.parent()), log.member(t.index()));
            }
            RunSummary r = RunSummary.of("noop", "rpc", "test", sent, log, i -> commits[i]);
            assertEquals(180, r.committed());
            assertTrue(r.committedPerSecond() > 0);
            Path csv = dir.resolve("bench.csv");
            CsvReport.write(csv, List.of(new TargetRun(r, w, log, commits)));
            List<String> lines = Files.readAllLines(csv);
            assertEquals(181, lines.size());
            assertTrue(
                    lines.get(1).matches("noop,[0-9a-f]{64},CREATE,765,1,1,[0-9.]+,[0-9.]+,[0-9.]+,,"), lines.get(1));
        }
    }
}
