package net.ledgerd.ingestor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.LedgerClient;
import net.ledgerd.ingestor.ledger.ReadingTransactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Confirmation against a fake member's Tendermint RPC that commits blocks and writes its index when told. */
class ChainJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReadingTransactions TXS = new ReadingTransactions(Ed25519KeyPair.fromSeed(new byte[32]));

    /** The parts of Tendermint 0.31.5's RPC the confirmation uses; blocks are made and indexed by the test. */
    private static final class FakeTendermint {
        final HttpServer server;
        final List<byte[]> mempool = new ArrayList<>();
        final Map<Long, List<byte[]>> blocks = new HashMap<>();
        final Map<Long, List<Integer>> codes = new HashMap<>();
        final Set<Long> indexed = new HashSet<>();
        final Set<String> askedByHash = new HashSet<>();
        int indexLookUps;
        int statusAnswers;
        int broadcasts;
        long height = 1;

        FakeTendermint() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private synchronized void handle(HttpExchange x) throws IOException {
            String path = x.getRequestURI().getPath();
            String query = x.getRequestURI().getQuery();
            ObjectNode answer = JSON.createObjectNode();
            ObjectNode result = JSON.createObjectNode();
            if (x.getRequestMethod().equals("POST")) {
                JsonNode body = JSON.readTree(x.getRequestBody());
                byte[] tx = Base64.getDecoder()
                        .decode(body.path("params").path("tx").asText());
                broadcasts++;
                if (known(tx)) {
                    // Tendermint 0.31.5's mempool cache holds pending and committed transactions
                    answer.putObject("error").put("data", "Tx already exists in cache");
                } else {
                    mempool.add(tx);
                    answer.set("result", result.put("code", 0));
                }
            } else if (path.equals("/status")) {
                statusAnswers++;
                result.putObject("sync_info").put("latest_block_height", String.valueOf(height));
                answer.set("result", result);
            } else if (path.equals("/block")) {
                ArrayNode txs = result.putObject("block").putObject("data").putArray("txs");
                blocks.getOrDefault(heightOf(query), List.of())
                        .forEach(tx -> txs.add(Base64.getEncoder().encodeToString(tx)));
                answer.set("result", result);
            } else if (path.equals("/block_results")) {
                ArrayNode results = result.putObject("results").putArray("DeliverTx");
                // amino JSON leaves out a code of 0
                codes.get(heightOf(query)).forEach(c -> results.add(c == 0 ? JSON.createObjectNode() : result(c)));
                answer.set("result", result);
            } else if (path.equals("/tx")) {
                String hash = query.substring("hash=0x".length());
                askedByHash.add(hash);
                indexLookUps++;
                Integer code = null;
                for (long h : indexed) {
                    List<byte[]> txs = blocks.get(h);
                    for (int i = 0; i < txs.size(); i++) {
                        if (LedgerClient.txHash(txs.get(i)).equals(hash)) {
                            code = codes.get(h).get(i);
                        }
                    }
                }
                if (code == null) {
                    answer.putObject("error").put("data", "Tx (" + hash + ") not found");
                } else {
                    result.set("tx_result", result(code));
                    answer.set("result", result);
                }
            }
            byte[] out = answer.toString().getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, out.length);
            x.getResponseBody().write(out);
            x.close();
        }

        private boolean known(byte[] tx) {
            return mempool.stream().anyMatch(t -> Arrays.equals(t, tx))
                    || blocks.values().stream().flatMap(List::stream).anyMatch(t -> Arrays.equals(t, tx));
        }

        private static ObjectNode result(int code) {
            return JSON.createObjectNode().put("code", code);
        }

        private static long heightOf(String query) {
            return Long.parseLong(query.substring("height=".length()));
        }

        /** The next block: what the mempool holds, each with its DeliverTx code; indexed only by {@link #index}. */
        synchronized long commitBlock(Map<String, Integer> codeByHash) {
            height++;
            blocks.put(height, List.copyOf(mempool));
            codes.put(
                    height,
                    mempool.stream()
                            .map(tx -> codeByHash.getOrDefault(LedgerClient.txHash(tx), 0))
                            .toList());
            mempool.clear();
            return height;
        }

        /** A block holding {@code tx}, committed and indexed, as if sent earlier by another run. */
        synchronized void committedEarlier(byte[] tx) {
            mempool.add(tx);
            index(commitBlock(Map.of()));
        }

        synchronized void index(long h) {
            indexed.add(h);
        }

        synchronized int mempoolSize() {
            return mempool.size();
        }

        synchronized int statusAnswers() {
            return statusAnswers;
        }

        synchronized int indexLookUps() {
            return indexLookUps;
        }

        synchronized Set<String> askedByHash() {
            return Set.copyOf(askedByHash);
        }
    }

    private FakeTendermint tendermint;
    private CommitFeed feed;
    private ChainJobs jobs;
    private ExecutorService pool;

    @BeforeEach
    void start() throws IOException {
        tendermint = new FakeTendermint();
        LedgerClient ledger = new LedgerClient(
                List.of(tendermint.uri()), List.of(URI.create("http://127.0.0.1:1")), Duration.ofSeconds(2));
        feed = new CommitFeed(ledger);
        jobs = new ChainJobs(ledger, feed, Duration.ofSeconds(2), Duration.ofSeconds(60));
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        feed.close();
        tendermint.server.stop(0);
    }

    private static List<SignedTransaction> creates(int n) {
        List<SignedTransaction> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(TXS.create(new AssetKey("dev-" + i, "temperature", "°C")));
        }
        return txs;
    }

    private List<Future<ChainJobs.Outcome>> submitAll(List<SignedTransaction> txs) throws InterruptedException {
        List<Future<ChainJobs.Outcome>> outcomes = new ArrayList<>();
        for (SignedTransaction tx : txs) {
            outcomes.add(pool.submit(() -> jobs.submit(tx, 0)));
        }
        while (tendermint.mempoolSize() < txs.size()) {
            Thread.sleep(10);
        }
        return outcomes;
    }

    @Test
    void aBlockConfirmsItsTransactionsOnlyOnceItIsIndexedAndAsksTheIndexForOneOfThem() throws Exception {
        List<SignedTransaction> txs = creates(20);
        List<Future<ChainJobs.Outcome>> outcomes = submitAll(txs);
        long h = tendermint.commitBlock(Map.of());
        // In the block but not yet in the index: the app's Commit may not have stored it, so nothing is confirmed
        // (the index asked twice: once answered "not found" and then asked again).
        while (tendermint.indexLookUps() < 2 && outcomes.stream().noneMatch(Future::isDone)) {
            Thread.sleep(10);
        }
        outcomes.forEach(o -> assertFalse(o.isDone(), "confirmed before the block was indexed"));
        tendermint.index(h);
        for (Future<ChainJobs.Outcome> o : outcomes) {
            assertEquals(ChainJobs.Outcome.COMMITTED, o.get());
        }
        assertEquals(1, tendermint.askedByHash().size(), "one index look-up for the block, not one per transaction");
        assertEquals(20, tendermint.broadcasts, "nothing was sent twice");
    }

    @Test
    void aTransactionRefusedByDeliverTxIsRefusedAndTheOthersInItsBlockCommitted() throws Exception {
        List<SignedTransaction> txs = creates(3);
        List<Future<ChainJobs.Outcome>> outcomes = submitAll(txs);
        tendermint.index(
                tendermint.commitBlock(Map.of(LedgerClient.txHash(txs.get(1).bytes()), 7)));
        assertEquals(ChainJobs.Outcome.COMMITTED, outcomes.get(0).get());
        ChainJobs.Outcome refused = outcomes.get(1).get();
        assertFalse(refused.committed());
        assertTrue(refused.refused(), refused.reason());
        assertTrue(refused.reason().contains("DeliverTx (code 7)"), refused.reason());
        assertEquals(ChainJobs.Outcome.COMMITTED, outcomes.get(2).get());
    }

    @Test
    void aTransactionCommittedBeforeItsWaitBeganIsFoundInTheIndexNotSentAgain() throws Exception {
        SignedTransaction tx = creates(1).get(0);
        tendermint.committedEarlier(tx.bytes());
        // The feed has gone past that block (nobody waited) once it asks for the height again after seeing it.
        int seen = tendermint.statusAnswers();
        while (tendermint.statusAnswers() < seen + 2) {
            Thread.sleep(10);
        }
        // The member's cache knows it, so the block the feed skipped (nobody waited) may hold it: the index says so.
        assertEquals(ChainJobs.Outcome.COMMITTED, jobs.submit(tx, 0));
        assertEquals(1, tendermint.broadcasts, "not sent again");
    }
}
