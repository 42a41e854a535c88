package net.ledgerd.ingestor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.ChainHead;
import net.ledgerd.ingestor.ledger.Coverage;
import net.ledgerd.ingestor.ledger.LedgerClient;
import net.ledgerd.ingestor.ledger.ReadingTransactions;
import net.ledgerd.ingestor.ledger.Segment;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.model.Input;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.validation.ValidationException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Confirmation and broadcast order against a fake member's Tendermint RPC that commits blocks and writes its index
 * when told, and whose CheckTx refuses a TRANSFER whose input it has not seen.
 */
class ChainJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReadingTransactions TXS = new ReadingTransactions(Ed25519KeyPair.fromSeed(new byte[32]));

    /**
     * The parts of Tendermint 0.31.5's RPC the confirmation uses, and the app's GET of a committed transaction (none
     * is); blocks are made and indexed by the test. Requests are served concurrently, as a member serves them.
     */
    private static final class FakeTendermint {
        final HttpServer server;
        final ExecutorService handlers = Executors.newCachedThreadPool();
        final List<byte[]> mempool = new ArrayList<>();
        /** Ids of the transactions in the mempool or a block: the outputs a TRANSFER may spend. */
        final Set<String> known = new HashSet<>();
        /** Hashes CheckTx refuses. */
        final Set<String> refuse = new HashSet<>();
        /** The hash whose broadcast is answered only once another broadcast has arrived (or after a second). */
        String slow;
        /** Broadcasts are received and never answered (Tendermint 0.31.5's lost CheckTx answer). */
        volatile boolean broadcastsUnanswered;
        /** Nothing is answered (a stopped process: the kernel still accepts its connections). */
        volatile boolean stopped;

        final AtomicInteger unansweredBroadcasts = new AtomicInteger();

        final CountDownLatch anotherBroadcast = new CountDownLatch(1);
        int refusals;
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
            server.setExecutor(handlers);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void handle(HttpExchange x) throws IOException {
            byte[] body = x.getRequestBody().readAllBytes();
            boolean broadcast = x.getRequestMethod().equals("POST");
            if (stopped || (broadcast && broadcastsUnanswered)) {
                if (broadcast) {
                    unansweredBroadcasts.incrementAndGet();
                }
                try {
                    // until the test ends (shutdownNow interrupts)
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (broadcast) {
                byte[] tx = Base64.getDecoder()
                        .decode(JSON.readTree(body).path("params").path("tx").asText());
                if (LedgerClient.txHash(tx).equals(slow)) {
                    try {
                        anotherBroadcast.await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    anotherBroadcast.countDown();
                }
            }
            answer(x, body);
        }

        private synchronized void answer(HttpExchange x, byte[] body) throws IOException {
            String path = x.getRequestURI().getPath();
            String query = x.getRequestURI().getQuery();
            ObjectNode answer = JSON.createObjectNode();
            ObjectNode result = JSON.createObjectNode();
            int status = 200;
            if (x.getRequestMethod().equals("POST")) {
                byte[] tx = Base64.getDecoder()
                        .decode(JSON.readTree(body).path("params").path("tx").asText());
                broadcasts++;
                if (known(tx)) {
                    // Tendermint 0.31.5's mempool cache holds pending and committed transactions
                    answer.putObject("error").put("data", "Tx already exists in cache");
                } else if (refuse.contains(LedgerClient.txHash(tx)) || !inputsExist(tx)) {
                    refusals++;
                    answer.set("result", result.put("code", 1).put("log", "INPUT_DOES_NOT_EXIST"));
                } else {
                    mempool.add(tx);
                    this.known.add(parse(tx).id());
                    answer.set("result", result.put("code", 0));
                }
            } else if (path.startsWith("/api/v1/transactions/")) {
                status = 404;
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
            x.sendResponseHeaders(status, out.length);
            x.getResponseBody().write(out);
            x.close();
        }

        private boolean known(byte[] tx) {
            return mempool.stream().anyMatch(t -> Arrays.equals(t, tx))
                    || blocks.values().stream().flatMap(List::stream).anyMatch(t -> Arrays.equals(t, tx));
        }

        /** CheckTx's check view: every input spends a transaction in the mempool or a block. */
        private boolean inputsExist(byte[] tx) {
            for (Input in : parse(tx).inputs()) {
                if (in.fulfills() != null && !known.contains(in.fulfills().transactionId())) {
                    return false;
                }
            }
            return true;
        }

        private static Transaction parse(byte[] tx) {
            try {
                return Transactions.parse(tx);
            } catch (ValidationException e) {
                throw new IllegalStateException(e);
            }
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
            known.add(parse(tx).id());
            index(commitBlock(Map.of()));
        }

        synchronized void index(long h) {
            indexed.add(h);
        }

        synchronized int mempoolSize() {
            return mempool.size();
        }

        synchronized int broadcasts() {
            return broadcasts;
        }

        synchronized int refusals() {
            return refusals;
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

    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private FakeTendermint tendermint;
    private FakeTendermint second;
    private CommitFeed feed;
    private ChainJobs jobs;
    private ExecutorService pool;

    @BeforeEach
    void start() throws IOException {
        tendermint = new FakeTendermint();
        second = new FakeTendermint();
        LedgerClient ledger =
                new LedgerClient(List.of(tendermint.uri()), List.of(tendermint.uri()), RPC_TIMEOUT, CALL_TIMEOUT);
        feed = new CommitFeed(ledger);
        jobs = new ChainJobs(ledger, feed, CALL_TIMEOUT, Duration.ofSeconds(60));
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        feed.close();
        for (FakeTendermint t : List.of(tendermint, second)) {
            t.server.stop(0);
            t.handlers.shutdownNow();
        }
    }

    private static List<SignedTransaction> creates(int n) {
        List<SignedTransaction> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(TXS.create(new AssetKey("dev-" + i, "temperature", "°C")));
        }
        return txs;
    }

    /** Submits a transaction with nothing of its asset in flight before it. */
    private ChainJobs.Outcome alone(SignedTransaction tx) throws InterruptedException {
        return jobs.submit(tx, 0, BroadcastTurn.passed(), new BroadcastTurn());
    }

    private static SignedTransaction transferOn(SignedTransaction parent) {
        Reading r = new Reading(IntNode.valueOf(1), "UTC", "temperature", DoubleNode.valueOf(21.5), "°C", 0);
        return TXS.transfer(
                new ChainHead(parent.transaction(), Coverage.none()),
                List.of(new Segment(new TopicPartition("readings", 0), 0, 0, List.of(r))));
    }

    private List<Future<ChainJobs.Outcome>> submitAll(List<SignedTransaction> txs) throws InterruptedException {
        List<Future<ChainJobs.Outcome>> outcomes = new ArrayList<>();
        for (SignedTransaction tx : txs) {
            outcomes.add(pool.submit(() -> alone(tx)));
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
            assertTrue(o.get().committed());
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
        assertTrue(outcomes.get(0).get().committed());
        ChainJobs.Outcome refused = outcomes.get(1).get();
        assertFalse(refused.committed());
        assertTrue(refused.refused(), refused.reason());
        assertTrue(refused.reason().contains("DeliverTx (code 7)"), refused.reason());
        assertTrue(outcomes.get(2).get().committed());
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
        assertTrue(alone(tx).committed());
        assertEquals(1, tendermint.broadcasts, "not sent again");
    }

    @Test
    void aTransferIsBroadcastOnlyOnceTheTransactionItSpendsWasAccepted() throws Exception {
        SignedTransaction create = creates(1).get(0);
        SignedTransaction transfer = transferOn(create);
        // The member is slow to answer the CREATE (as under load): a TRANSFER broadcast meanwhile would reach
        // CheckTx first and be refused, its input not existing yet.
        tendermint.slow = LedgerClient.txHash(create.bytes());
        BroadcastTurn createTurn = new BroadcastTurn();
        Future<ChainJobs.Outcome> parent =
                pool.submit(() -> jobs.submit(create, 0, BroadcastTurn.passed(), createTurn));
        Future<ChainJobs.Outcome> child = pool.submit(() -> jobs.submit(transfer, 0, createTurn, new BroadcastTurn()));
        while (tendermint.broadcasts() < 2) {
            Thread.sleep(10);
        }
        tendermint.index(tendermint.commitBlock(Map.of()));
        assertTrue(parent.get().committed());
        assertTrue(child.get().committed());
        assertEquals(0, tendermint.refusals(), "the TRANSFER reached CheckTx before the CREATE it spends");
    }

    @Test
    void aTransferWhoseParentWasRefusedIsNotSent() throws Exception {
        SignedTransaction create = creates(1).get(0);
        SignedTransaction transfer = transferOn(create);
        tendermint.refuse.add(LedgerClient.txHash(create.bytes()));
        BroadcastTurn createTurn = new BroadcastTurn();
        Future<ChainJobs.Outcome> child = pool.submit(() -> jobs.submit(transfer, 0, createTurn, new BroadcastTurn()));
        ChainJobs.Outcome parent = jobs.submit(create, 0, BroadcastTurn.passed(), createTurn);
        assertTrue(parent.refused(), parent.reason());
        ChainJobs.Outcome outcome = child.get();
        assertTrue(outcome.refused(), "refused like its parent, so the asset's head is read from its history");
        assertTrue(outcome.reason().startsWith("not sent"), outcome.reason());
        assertEquals(1, tendermint.broadcasts(), "only the parent was sent");
    }

    @Test
    void aResendThatNoMemberAnswersDoesNotEndTheWaitForTheBlock() throws Exception {
        SignedTransaction tx = creates(1).get(0);
        Future<ChainJobs.Outcome> outcome = pool.submit(() -> alone(tx));
        while (tendermint.mempoolSize() < 1) {
            Thread.sleep(10);
        }
        // Accepted; the member now leaves broadcasts unanswered, and the block is slow to come.
        tendermint.broadcastsUnanswered = true;
        while (tendermint.unansweredBroadcasts.get() < 1) {
            Thread.sleep(10);
        }
        // The resend is given up after the call timeout; the transaction is still in the mempool.
        Thread.sleep(CALL_TIMEOUT.plusSeconds(1).toMillis());
        assertFalse(outcome.isDone(), "the wait for the block ended with the resend");
        tendermint.index(tendermint.commitBlock(Map.of()));
        ChainJobs.Outcome o = outcome.get(10, TimeUnit.SECONDS);
        assertTrue(o.committed(), o.reason());
    }

    @Test
    void aStoppedMemberIsLeftAndATransferGoesToTheMemberThatAcceptedItsParent() throws Exception {
        tendermint.stopped = true;
        LedgerClient ledger = new LedgerClient(
                List.of(tendermint.uri(), second.uri()), List.of(second.uri()), RPC_TIMEOUT, CALL_TIMEOUT);
        try (CommitFeed feed2 = new CommitFeed(ledger)) {
            ChainJobs jobs2 = new ChainJobs(ledger, feed2, CALL_TIMEOUT, Duration.ofSeconds(60));
            SignedTransaction create = creates(1).get(0);
            SignedTransaction transfer = transferOn(create);
            BroadcastTurn createTurn = new BroadcastTurn();
            // Both for member 0, the asset's usual one, which has stopped.
            Future<ChainJobs.Outcome> parent =
                    pool.submit(() -> jobs2.submit(create, 0, BroadcastTurn.passed(), createTurn));
            Future<ChainJobs.Outcome> child =
                    pool.submit(() -> jobs2.submit(transfer, 0, createTurn, new BroadcastTurn()));
            while (second.mempoolSize() < 2) {
                Thread.sleep(10);
            }
            second.index(second.commitBlock(Map.of()));
            ChainJobs.Outcome p = parent.get(30, TimeUnit.SECONDS);
            ChainJobs.Outcome c = child.get(30, TimeUnit.SECONDS);
            assertTrue(p.committed(), p.reason());
            assertTrue(c.committed(), c.reason());
            assertEquals(1, p.member(), "accepted by the member that answers");
            assertEquals(1, c.member());
            assertEquals(
                    1,
                    tendermint.unansweredBroadcasts.get(),
                    "the TRANSFER went to the stopped member too, not straight to the one holding its parent");
            assertEquals(0, second.refusals());
        }
    }
}
