package net.ledgerd.app.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.ledgerd.app.node.SingleNode;
import net.ledgerd.app.node.TestTransactions;
import net.ledgerd.app.store.LedgerStore;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/transactions with mode=sync and mode=commit answers every client within a bound under
 * load, with BigchainDB's answer: 202 for each valid transaction (with mode=commit, Tendermint's timeout
 * error when the commit takes longer than the app's bound), and each one accepted is then committed. The answer comes from the app's own CheckTx verdict and Commit; before, the API waited on
 * Tendermint 0.31.5's broadcast_tx_sync/commit, which leave a call unanswered when the ABCI socket client
 * drops a CheckTx response (see BroadcastHangTest), and the client got a 503 after 15 s (sync) or 70 s
 * (commit) for a transaction the app had accepted.
 */
class PostModesUnderLoadTest {
    private static final int CALLERS = 32;
    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("ledgerd.postmodes.seconds", 40));
    /** Above the app's bounds here: 15 s to hand over + 5 s for the CheckTx verdict + 20 s for the commit. */
    private static final Duration CLIENT_BOUND = Duration.ofSeconds(45);
    /** Tendermint's words, which BigchainDB passes on, when the commit wait ends first (a slow shared host). */
    private static final String COMMIT_WAIT_ENDED =
            "{\"message\":\"Internal error - Timed out waiting for tx to be included in a block\",\"status\":500}";

    @Test
    void syncAndCommitAnswerEveryClientUnderLoad() throws Exception {
        try (SingleNode node = SingleNode.start(
                "postmodes",
                Map.of("http.check_timeout_ms", "5000", "http.commit_timeout_ms", "20000"),
                tm -> tm.env("GOMAXPROCS", "8"))) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            TestTransactions txs = new TestTransactions();
            URI sync = URI.create(node.baseUrl() + "/api/v1/transactions?mode=sync");
            URI commit = URI.create(node.baseUrl() + "/api/v1/transactions?mode=commit");
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            Set<String> commitWaitEnded = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            AtomicLong slowest = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            long deadline = System.nanoTime() + LOAD.toNanos();
            long start = System.nanoTime();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    // One caller in eight waits for commits, as a BigchainDB client with mode=commit.
                    URI target = i % 8 == 0 ? commit : sync;
                    running.add(callers.submit(() -> {
                        while (System.nanoTime() < deadline && wrong.isEmpty()) {
                            byte[] tx = txs.create("post modes " + sent.incrementAndGet());
                            String id = TestTransactions.idOf(tx);
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<String> r = http.send(
                                        HttpRequest.newBuilder(target)
                                                .timeout(CLIENT_BOUND)
                                                .header("Content-Type", "application/json")
                                                .POST(HttpRequest.BodyPublishers.ofByteArray(tx))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                                slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                                if (r.statusCode() == 202) {
                                    accepted.add(id);
                                } else if (target == commit
                                        && r.statusCode() == 500
                                        && r.body().equals(COMMIT_WAIT_ENDED)) {
                                    commitWaitEnded.add(id);
                                } else {
                                    wrong.add(target.getQuery() + " " + id + " -> " + r.statusCode() + " " + r.body());
                                }
                            } catch (HttpTimeoutException e) {
                                wrong.add(target.getQuery() + " " + id + " unanswered after " + CLIENT_BOUND);
                            } catch (IOException e) {
                                wrong.add(target.getQuery() + " " + id + ": " + e);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get(LOAD.plus(CLIENT_BOUND).toSeconds() + 30, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "POST mode=sync/commit under load: %d answered 202 in %.1f s (%.0f/s) by %d callers, slowest %.2f s,"
                            + " %d commit waits ended first, %d other answers%n",
                    accepted.size(),
                    seconds,
                    accepted.size() / seconds,
                    CALLERS,
                    slowest.get() / 1e9,
                    commitWaitEnded.size(),
                    wrong.size());
            assertEquals(List.of(), List.copyOf(wrong), "answers other than 202 within " + CLIENT_BOUND);
            assertTrue(accepted.size() > 100, "too few transactions to tell: " + accepted.size());
            // Those whose commit wait ended were accepted at CheckTx: they are committed all the same.
            Set<String> checked = new java.util.HashSet<>(accepted);
            checked.addAll(commitWaitEnded);
            assertAllCommitted(node, checked, Duration.ofSeconds(30));
        }
    }

    /** A 202 from mode=sync means the transaction entered the mempool: each one is committed. */
    private static void assertAllCommitted(SingleNode node, Set<String> ids, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        try (LedgerStore store = LedgerStore.open(node.mongo.uri(), node.database)) {
            List<String> missing = List.copyOf(ids);
            while (System.nanoTime() < deadline) {
                missing = missing.stream()
                        .filter(id -> store.readModel().transaction(id).isEmpty())
                        .toList();
                if (missing.isEmpty()) {
                    return;
                }
                Thread.sleep(500);
            }
            fail(missing.size() + " of " + ids.size() + " transactions answered 202 were not committed within " + within
                    + ", e.g. " + missing.subList(0, Math.min(5, missing.size())));
        }
    }
}
