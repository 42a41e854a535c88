package net.ledgerd.app.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.ledgerd.app.state.LedgerApplication;
import net.ledgerd.testkit.TendermintRpc;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Tendermint 0.31.5's broadcast_tx_sync must answer under load. Its ABCI socket client drops a CheckTx
 * response that arrives before the mempool has set the request's callback (tendermint PR #8331), and
 * the RPC call then never returns. The project's build backports that fix (network/bin/install-tendermint);
 * on an unpatched binary this test fails.
 *
 * <p>What widens the race: a CheckTx our app answers at once (small unique garbage, refused at the JSON
 * parse, so nothing enters the mempool and no blocks are made), many concurrent callers, and more Go
 * threads than cores (GOMAXPROCS=8 on this 2-core machine), so the OS often pauses the calling goroutine's
 * thread between queueing the request and setting its callback while the reader thread runs.
 */
class BroadcastHangTest {
    private static final int CALLERS = Integer.getInteger("ledgerd.hang.callers", 64);
    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("ledgerd.hang.seconds", 60));
    /** A normal call answers in milliseconds; a dropped response never comes. */
    private static final Duration CALL_BOUND = Duration.ofSeconds(10);

    @Test
    void everyBroadcastTxSyncAnswersUnderLoad() throws Exception {
        // A log line per refused CheckTx would slow CheckTx down and so narrow the race.
        Logger appLog = (Logger) LoggerFactory.getLogger(LedgerApplication.class);
        Level level = appLog.getLevel();
        appLog.setLevel(Level.WARN);
        try {
            load();
        } finally {
            appLog.setLevel(level);
        }
    }

    private void load() throws Exception {
        try (SingleNode node = SingleNode.start("hang", Map.of(), tm -> tm.env("GOMAXPROCS", "8"))) {
            TendermintRpc rpc = new TendermintRpc(node.tendermint.rpcUrl(), CALL_BOUND);
            AtomicLong next = new AtomicLong();
            AtomicLong answered = new AtomicLong();
            ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
            AtomicLong firstUnansweredSentAt = new AtomicLong(-1);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            long deadline = System.nanoTime() + LOAD.toNanos();
            long start = System.nanoTime();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    running.add(callers.submit(() -> {
                        while (System.nanoTime() < deadline && unanswered.isEmpty() && failures.isEmpty()) {
                            String tx = "hang-probe-" + next.incrementAndGet();
                            long sentAt = System.nanoTime();
                            try {
                                TendermintRpc.BroadcastResult r =
                                        rpc.broadcastTxSync(tx.getBytes(StandardCharsets.UTF_8));
                                if (r.code() == 0) {
                                    failures.add(tx + " was accepted; the app must refuse it");
                                }
                                answered.incrementAndGet();
                            } catch (HttpTimeoutException e) {
                                firstUnansweredSentAt.compareAndSet(-1, sentAt);
                                unanswered.add(tx);
                            } catch (IOException e) {
                                failures.add(tx + ": " + e.getMessage());
                            }
                        }
                    }));
                }
                for (Future<?> f : running) {
                    f.get(LOAD.plus(CALL_BOUND).toSeconds() + 30, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> dropped = stillCached(rpc, unanswered);
            System.out.printf(
                    "broadcast_tx_sync under load: %d answered in %.1f s (%.0f/s) by %d callers; %d unanswered after %s%s,"
                            + " %d of them confirmed dropped%n",
                    answered.get(),
                    seconds,
                    answered.get() / seconds,
                    CALLERS,
                    unanswered.size(),
                    CALL_BOUND,
                    unanswered.isEmpty()
                            ? ""
                            : String.format(
                                    " (the first sent %.1f s into the load)",
                                    (firstUnansweredSentAt.get() - start) / 1e9),
                    dropped.size());
            assertEquals(List.of(), List.copyOf(failures), "calls that failed otherwise");
            assertEquals(
                    List.of(),
                    List.copyOf(unanswered),
                    "broadcast_tx_sync calls with no answer within " + CALL_BOUND + " after " + answered.get()
                            + " answered (Tendermint's socket client dropped their CheckTx responses: is the"
                            + " PR #8331 patch built in? see " + node.tendermint.log() + ")");
            assertTrue(answered.get() > 1000, "too few calls answered to tell: " + answered.get());
        }
    }

    /**
     * The unanswered transactions that Tendermint still holds in its mempool cache once the load has
     * stopped: the app refused each one, and a refused transaction leaves the cache in the very callback
     * that also answers the RPC call, so one still cached proves that callback never ran.
     */
    private static List<String> stillCached(TendermintRpc rpc, Iterable<String> txs) throws IOException {
        List<String> cached = new ArrayList<>();
        for (String tx : txs) {
            try {
                rpc.broadcastTxSync(tx.getBytes(StandardCharsets.UTF_8));
            } catch (TendermintRpc.RpcError e) {
                if (!e.data().contains("Tx already exists in cache")) {
                    throw e;
                }
                cached.add(tx);
            }
        }
        return cached;
    }
}
