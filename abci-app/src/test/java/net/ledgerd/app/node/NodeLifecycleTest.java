package net.ledgerd.app.node;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import net.ledgerd.app.cli.AppConfig;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.testkit.FreePorts;
import net.ledgerd.testkit.MongoServer;
import net.ledgerd.testkit.TendermintNode;
import net.ledgerd.testkit.TendermintRpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The app driven by a real Tendermint 0.31.5 over each transport: transactions go through CheckTx
 * and DeliverTx into a block, and a restart of the app while Tendermint is down resumes at the same
 * height and app hash through the Info handshake.
 */
class NodeLifecycleTest {
    private static MongoServer mongo;

    @BeforeAll
    static void startMongo() {
        mongo = MongoServer.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    static AppConfig config(String database, int abciPort, String transport, int rpcPort) {
        Map<String, String> flags = new HashMap<>();
        flags.put("abci.address", "127.0.0.1:" + abciPort);
        flags.put("abci.transport", transport);
        flags.put("mongodb.uri", mongo.uri());
        flags.put("mongodb.database", database);
        flags.put("http.address", "127.0.0.1:0");
        flags.put("tendermint.rpc", "http://127.0.0.1:" + rpcPort);
        return AppConfig.load(null, Map.of(), flags);
    }

    /** Tendermint shows the app hash as the hex of its bytes; ours are the ASCII of BigchainDB's hex string. */
    static String asTendermintShowsIt(String appHash) {
        return HexFormat.of().withUpperCase().formatHex(appHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The ABCI query paths answer through Tendermint's abci_query. */
    private static void assertAbciQueries(TendermintRpc rpc, byte[] created) throws Exception {
        String id = TestTransactions.idOf(created);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode tx = rpc.abciQuery("/transactions", id.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, tx.path("code").asInt(0), tx.toString());
        assertEquals(
                json.readTree(created),
                json.readTree(Base64.getDecoder().decode(tx.path("value").asText())));
        JsonNode history = json.readTree(Base64.getDecoder()
                .decode(rpc.abciQuery("/assets/transactions", id.getBytes(StandardCharsets.UTF_8))
                        .path("value")
                        .asText()));
        assertEquals(id, history.get(0).get("id").asText());
        String owner = json.readTree(created)
                .get("outputs")
                .get(0)
                .get("public_keys")
                .get(0)
                .asText();
        JsonNode unspent = json.readTree(Base64.getDecoder()
                .decode(rpc.abciQuery("/outputs/unspent", owner.getBytes(StandardCharsets.UTF_8))
                        .path("value")
                        .asText()));
        assertEquals(id, unspent.get(0).get("transaction_id").asText());
        JsonNode missing = rpc.abciQuery("/transactions", "f".repeat(64).getBytes(StandardCharsets.UTF_8));
        assertEquals(1, missing.path("code").asInt());
        assertEquals(2, rpc.abciQuery("/nope", new byte[0]).path("code").asInt());
        JsonNode block = json.readTree(Base64.getDecoder()
                .decode(rpc.abciQuery("/blocks", "1".getBytes(StandardCharsets.UTF_8))
                        .path("value")
                        .asText()));
        assertEquals(1, block.get("height").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket", "grpc"})
    void commitsTransactionsAndResumesAfterAppRestart(String transport) throws Exception {
        String database =
                "node_" + transport + "_" + UUID.randomUUID().toString().substring(0, 8);
        int abciPort = FreePorts.next();
        TestTransactions txs = new TestTransactions();
        try (TendermintNode tm = TendermintNode.builder()
                .abciPort(abciPort)
                .abci(transport)
                .name("tm-" + transport)
                .init()) {
            AppNode app = AppNode.start(config(database, abciPort, transport, 0));
            tm.start();
            TendermintRpc rpc = tm.rpc();

            byte[] first = txs.create("first reading");
            TendermintRpc.CommitResult r1 = rpc.broadcastTxCommit(first);
            assertEquals(0, r1.checkCode(), r1.checkLog());
            assertEquals(0, r1.deliverCode(), r1.deliverLog());
            assertTrue(r1.height() >= 1);

            TendermintRpc.CommitResult bad =
                    rpc.broadcastTxCommit("{not a transaction".getBytes(StandardCharsets.UTF_8));
            assertEquals(1, bad.checkCode(), "malformed JSON is refused in CheckTx");
            assertFalse(bad.checkLog().isBlank(), "the refusal names its reason");

            TendermintRpc.CommitResult dup = rpc.broadcastTxCommit(txs.sameIdOtherBytes(first));
            assertEquals(1, dup.checkCode(), "a committed CREATE cannot be sent again: " + dup.checkLog());
            assertTrue(dup.checkLog().contains("DuplicateTransaction"), dup.checkLog());

            byte[] second = txs.create("second reading");
            TendermintRpc.CommitResult r2 = rpc.broadcastTxCommit(second);
            assertEquals(0, r2.deliverCode(), r2.deliverLog());
            assertTrue(app.metrics().verificationsReused() >= 2, "DeliverTx reused CheckTx's signature checks");
            assertAbciQueries(rpc, first);
            // The app hash after a block appears in the header of the next one, which Tendermint makes because the hash
            // changed.
            TendermintRpc.Status before = tm.awaitHeight(r2.height() + 1, Duration.ofSeconds(30));

            BlockRecord stored;
            try (LedgerStore store = LedgerStore.open(mongo.uri(), database)) {
                assertEquals(2, store.countTransactions());
                assertTrue(store.isCommitted(TestTransactions.idOf(first)));
                stored = store.latestBlock().orElseThrow();
            }
            assertEquals(
                    asTendermintShowsIt(stored.appHash()),
                    before.latestAppHash(),
                    "Tendermint and the store agree on the app hash");

            // Stop Tendermint, restart the app alone, then Tendermint: the handshake must resume, not replay from zero.
            tm.stop();
            app.close();
            AppNode restarted = AppNode.start(config(database, abciPort, transport, 0));
            try {
                tm.start();
                TendermintRpc.Status after = tm.awaitHeight(before.latestBlockHeight(), Duration.ofSeconds(30));
                assertEquals(before.latestAppHash(), after.latestAppHash());
                TendermintRpc.CommitResult r3 = rpc.broadcastTxCommit(txs.create("after restart"));
                assertEquals(0, r3.deliverCode(), r3.deliverLog());
                assertTrue(r3.height() > r2.height());
                try (LedgerStore store = LedgerStore.open(mongo.uri(), database)) {
                    assertEquals(3, store.countTransactions(), "nothing replayed twice, nothing lost");
                }
            } finally {
                tm.stop();
                restarted.close();
            }
        }
    }
}
