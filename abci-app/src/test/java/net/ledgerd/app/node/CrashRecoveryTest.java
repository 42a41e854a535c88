package net.ledgerd.app.node;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import net.ledgerd.app.state.AppHash;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.testkit.ChildProcess;
import net.ledgerd.testkit.FreePorts;
import net.ledgerd.testkit.MongoServer;
import net.ledgerd.testkit.TendermintNode;
import net.ledgerd.testkit.TendermintRpc;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the app at random moments while blocks are being committed, 20 times. After each kill
 * Tendermint is restarted with the app (it does not reconnect on its own) and the handshake
 * replays. At the end the app's height and app hash must be what an uninterrupted run computes
 * from Tendermint's own blocks, and every committed transaction must be stored exactly once.
 */
class CrashRecoveryTest {
    private static final int KILLS = Integer.getInteger("crash.kills", 20);

    @Test
    void recoversFromRepeatedKillNine() throws Exception {
        String database = "crash_" + UUID.randomUUID().toString().substring(0, 8);
        int abciPort = FreePorts.next();
        Random random = new Random(20261121L);
        TestTransactions txs = new TestTransactions();
        try (MongoServer mongo = MongoServer.start();
                TendermintNode tm = TendermintNode.builder()
                        .abciPort(abciPort)
                        .name("tm-crash")
                        .timeoutCommit("100ms")
                        .init()) {
            List<String> appCommand = List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "net.ledgerd.app.cli.LedgerdCli",
                    "start",
                    "--abci-address",
                    "127.0.0.1:" + abciPort,
                    "--mongodb-uri",
                    mongo.uri(),
                    "--database",
                    database,
                    "--http-address",
                    "127.0.0.1:0",
                    "--tendermint-rpc",
                    tm.rpcUrl().toString());
            ChildProcess app = startApp(appCommand, abciPort, 0);
            tm.start();
            TendermintRpc rpc = tm.rpc();

            AtomicBoolean sending = new AtomicBoolean(true);
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                boolean withTransfers = i == 1;
                Thread sender = new Thread(
                        () -> {
                            while (sending.get()) {
                                try {
                                    // A TRANSFER right behind its CREATE: accepted by the check view
                                    // while the CREATE is pending, so blocks move utxos both ways.
                                    TestTransactions.Created created = txs.createOwned("load " + System.nanoTime(), 2);
                                    rpc.broadcastTxAsync(created.bytes());
                                    if (withTransfers) {
                                        rpc.broadcastTxAsync(txs.transferAll(created, 2));
                                    }
                                    sleepQuietly(10);
                                } catch (IOException | RuntimeException e) {
                                    sleepQuietly(50); // the node is down between a kill and its restart
                                }
                            }
                        },
                        "load-" + i);
                sender.start();
                load.add(sender);
            }

            long height = 0;
            for (int kill = 1; kill <= KILLS; kill++) {
                height = awaitNewBlock(rpc, height);
                Thread.sleep(random.nextInt(400));
                app.kill();
                tm.kill();
                app = startApp(appCommand, abciPort, kill);
                tm.start();
            }
            sending.set(false);
            for (Thread sender : load) {
                sender.join();
            }

            // Let the mempool drain into blocks, read what Tendermint committed, then stop everything.
            TendermintRpc.Status status = awaitDrained(rpc);
            Expected expected = replayFromTendermintBlocks(rpc, status.latestBlockHeight());
            tm.stop();
            app.stop();

            try (LedgerStore store = LedgerStore.open(mongo.uri(), database)) {
                BlockRecord latest = store.latestBlock().orElseThrow();
                assertEquals(status.latestBlockHeight(), latest.height(), "the app's height is Tendermint's");
                assertEquals(expected.appHash, latest.appHash(), "the app hash is what an uninterrupted run computes");
                assertEquals(NodeLifecycleTest.asTendermintShowsIt(latest.appHash()), status.latestAppHash());
                assertEquals(
                        expected.transactionIds.size(),
                        store.countTransactions(),
                        "every committed transaction stored exactly once");
                for (String id : expected.transactionIds) {
                    assertTrue(store.isCommitted(id), "committed transaction " + id + " is stored");
                }
                assertEquals(
                        utxosRebuiltFromTransactions(mongo.uri(), database),
                        utxos(mongo.uri(), database),
                        "after the rollbacks, utxos holds exactly the unspent outputs, every field as written");
                assertTrue(
                        expected.transactionIds.size() > KILLS,
                        "the test committed real load: " + expected.transactionIds.size());
                assertTrue(store.historyFeed().awaitHeight(latest.height(), Duration.ofMinutes(2)));
            }
            // The history the kills left (each killed Commit or writer pass caught up at the next start)
            // is exactly the one built afresh from the stored blocks.
            Map<String, Document> survived = history(mongo.uri(), database);
            try (MongoClient client = MongoClients.create(mongo.uri())) {
                client.getDatabase(database).getCollection("ledgerd_history").drop();
            }
            try (LedgerStore rebuilt = LedgerStore.open(mongo.uri(), database)) {
                assertTrue(rebuilt.historyFeed().awaitHeight(status.latestBlockHeight(), Duration.ofMinutes(2)));
            }
            assertEquals(history(mongo.uri(), database), survived, "the history documents after the kills");
        }
    }

    /** The history documents by _id, without the writer's marker (its pass boundaries differ). */
    private static Map<String, Document> history(String uri, String database) {
        try (MongoClient client = MongoClients.create(uri)) {
            Map<String, Document> docs = new TreeMap<>();
            client.getDatabase(database)
                    .getCollection("ledgerd_history")
                    .find()
                    .forEach(d -> docs.put(d.getString("_id"), d));
            docs.remove("applied");
            return docs;
        }
    }

    private record Expected(String appHash, Set<String> transactionIds) {}

    /** Every utxos row as stored, by _id. */
    private static Map<String, Document> utxos(String uri, String database) {
        try (MongoClient client = MongoClients.create(uri)) {
            Map<String, Document> rows = new TreeMap<>();
            client.getDatabase(database).getCollection("utxos").find().forEach(d -> rows.put(d.getString("_id"), d));
            return rows;
        }
    }

    /** What utxos must hold: each stored transaction's outputs that no stored transaction spends. */
    private static Map<String, Document> utxosRebuiltFromTransactions(String uri, String database) {
        try (MongoClient client = MongoClients.create(uri)) {
            Map<String, Document> rows = new TreeMap<>();
            Set<String> spent = new HashSet<>();
            for (Document tx :
                    client.getDatabase(database).getCollection("transactions").find()) {
                String id = tx.getString("id");
                String assetId = "CREATE".equals(tx.getString("operation"))
                        ? id
                        : tx.get("asset", Document.class).getString("id");
                List<Document> outputs = tx.getList("outputs", Document.class);
                for (int i = 0; i < outputs.size(); i++) {
                    Document o = outputs.get(i);
                    Document condition = o.get("condition", Document.class);
                    rows.put(
                            id + ":" + i,
                            new Document("_id", id + ":" + i)
                                    .append("transaction_id", id)
                                    .append("output_index", i)
                                    .append("amount", Long.parseLong(o.getString("amount")))
                                    .append("asset_id", assetId)
                                    .append("condition_uri", condition.getString("uri"))
                                    .append("condition_details", condition.get("details"))
                                    .append("public_keys", o.get("public_keys")));
                }
                for (Document in : tx.getList("inputs", Document.class)) {
                    Document f = in.get("fulfills", Document.class);
                    if (f != null) {
                        spent.add(f.getString("transaction_id") + ":" + f.get("output_index"));
                    }
                }
            }
            rows.keySet().removeAll(spent);
            return rows;
        }
    }

    private static TendermintRpc.Status awaitDrained(TendermintRpc rpc) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (rpc.numUnconfirmedTxs().path("n_txs").asInt() == 0) {
                // Settled means no new block for a while: after the last transactions Tendermint still makes the
                // block that carries their app hash, later than 500 ms on a busy host. The quiet period lies between
                // the two reads, so a block made just before the first read is seen by the second.
                TendermintRpc.Status status = rpc.status();
                Thread.sleep(3000);
                TendermintRpc.Status later = rpc.status();
                if (rpc.numUnconfirmedTxs().path("n_txs").asInt() == 0
                        && later.latestBlockHeight() == status.latestBlockHeight()) {
                    return later;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the mempool did not drain");
    }

    /** Recomputes the app hash chain from Tendermint's blocks and their DeliverTx codes, as an uninterrupted run would. */
    private static Expected replayFromTendermintBlocks(TendermintRpc rpc, long height) throws Exception {
        String appHash = "";
        Set<String> all = new HashSet<>();
        for (long h = 1; h <= height; h++) {
            JsonNode txs = rpc.block(h).path("block").path("data").path("txs");
            JsonNode results = rpc.call(
                            "block_results",
                            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                                    .objectNode()
                                    .put("height", String.valueOf(h)))
                    .path("results")
                    .path("DeliverTx");
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < txs.size(); i++) {
                if (results.path(i).path("code").asInt(0) == 0) {
                    accepted.add(TestTransactions.idOf(
                            Base64.getDecoder().decode(txs.get(i).asText())));
                }
            }
            appHash = AppHash.next(appHash, accepted);
            all.addAll(accepted);
        }
        return new Expected(appHash, all);
    }

    private static ChildProcess startApp(List<String> command, int abciPort, int generation) {
        ChildProcess app = ChildProcess.start("crash-app-" + generation, command, Map.of());
        FreePorts.awaitAccepting("127.0.0.1", abciPort, Duration.ofSeconds(60), app);
        return app;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until a block above the given height is committed, so that the next kill lands while blocks are being made. */
    private static long awaitNewBlock(TendermintRpc rpc, long height) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try {
                long now = rpc.status().latestBlockHeight();
                if (now > height) {
                    return now;
                }
            } catch (IOException e) {
                // still starting after a restart
            }
            Thread.sleep(50);
        }
        return fail("no block was committed after a restart");
    }
}
