package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import net.ledgerd.testkit.MongoServer;
import net.ledgerd.tx.json.Canonical;
import net.ledgerd.tx.ledger.LedgerOutput;
import net.ledgerd.tx.ledger.OutputLink;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store against a real MongoDB-protocol server (mongod or FerretDB, see MongoServer):
 * BigchainDB's document layout and its queries. {@link LedgerStoreOnMongoContainerTest} runs the
 * same tests against the official mongo image where Docker is available.
 */
class LedgerStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MongoServer server;
    private LedgerStore store;
    private String database;

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The server under test. */
    String serverUri() {
        if (server == null) {
            server = MongoServer.start();
        }
        return server.uri();
    }

    @BeforeEach
    void open() {
        database = "store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        store = LedgerStore.open(serverUri(), database);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static ObjectNode create(String id, String owner, String data) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"id":"%s","version":"2.0","operation":"CREATE",
                 "inputs":[{"owners_before":["%s"],"fulfills":null,"fulfillment":"f"}],
                 "outputs":[{"public_keys":["%s"],"amount":"10","condition":{"details":%s,"uri":"u"}},
                            {"public_keys":["%s"],"amount":"5","condition":{"details":%s,"uri":"u"}}],
                 "asset":{"data":%s},"metadata":{"note":"created","big":9000000000000000000,"frac":0.1}}
                """.formatted(id, owner, owner, ed25519(owner), owner, ed25519(owner), data));
    }

    private static String ed25519(String publicKey) {
        return "{\"type\":\"ed25519-sha-256\",\"public_key\":\"%s\"}".formatted(publicKey);
    }

    private static ObjectNode transfer(String id, String assetId, String spentTx, int index, String newOwner)
            throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"id":"%s","version":"2.0","operation":"TRANSFER",
                 "inputs":[{"owners_before":["x"],"fulfills":{"transaction_id":"%s","output_index":%d},"fulfillment":"f"}],
                 "outputs":[{"public_keys":["%s"],"amount":"10","condition":{"details":%s,"uri":"u"}}],
                 "asset":{"id":"%s"},"metadata":null}
                """.formatted(id, spentTx, index, newOwner, ed25519(newOwner), assetId));
    }

    @Test
    void storesTheWayBigchainDbDoesAndJoinsBack() throws Exception {
        ObjectNode c = create("c1", "alice", "{\"sensor\":\"kitchen temperature\",\"unit\":\"C\"}");
        ObjectNode t = transfer("t1", "c1", "c1", 0, "bob");
        store.storeTransactions(List.of(c, t));

        try (MongoClient client = MongoClients.create(serverUri())) {
            var db = client.getDatabase(database);
            Document storedCreate = db.getCollection("transactions")
                    .find(new Document("id", "c1"))
                    .first();
            assertFalse(storedCreate.containsKey("asset"), "a CREATE's asset lives in the assets collection");
            assertFalse(storedCreate.containsKey("metadata"), "metadata lives in the metadata collection");
            Document storedTransfer = db.getCollection("transactions")
                    .find(new Document("id", "t1"))
                    .first();
            assertEquals(
                    "c1",
                    storedTransfer.get("asset", Document.class).getString("id"),
                    "a TRANSFER keeps its asset link");
            Document asset =
                    db.getCollection("assets").find(new Document("id", "c1")).first();
            assertEquals(
                    "kitchen temperature", asset.get("data", Document.class).getString("sensor"));
            Document meta =
                    db.getCollection("metadata").find(new Document("id", "t1")).first();
            assertTrue(meta.containsKey("metadata") && meta.get("metadata") == null);
        }
        assertEquals(
                c,
                store.readModel().transaction("c1").orElseThrow(),
                "the whole transaction comes back as it was sent");
        assertEquals(t, store.readModel().transaction("t1").orElseThrow());
        assertTrue(store.readModel().transaction("nope").isEmpty());
    }

    @Test
    void theCommittedViewAnswersAnInputFromItsUtxosRowAlone() throws Exception {
        List<ObjectNode> first = List.of(create("c1", "alice", "{\"a\":1}"));
        store.storeTransactions(first);
        store.applyToUtxos(first);
        // Another store on the same database: nothing cached, every answer from the database.
        try (LedgerStore cold = LedgerStore.open(serverUri(), database)) {
            LedgerOutput out = cold.unspent(new OutputLink("c1", 1)).orElseThrow();
            assertEquals(
                    // the fixture's details ("alice" is no ed25519 key) form no condition: no uri, never spendable
                    new LedgerOutput(
                            new OutputLink("c1", 1), 5, null, JSON.readTree(ed25519("alice")), List.of("alice"), "c1"),
                    out);
            assertEquals(out, store.unspent(new OutputLink("c1", 1)).orElseThrow(), "the same from memory");
            assertTrue(cold.contains("c1"));
            assertFalse(cold.contains("c2"));
            assertEquals(OptionalInt.of(2), cold.outputCount("c1"));
            assertEquals(OptionalInt.empty(), cold.outputCount("c2"));
            assertTrue(cold.unspent(new OutputLink("c1", 2)).isEmpty());
        }
        List<ObjectNode> second = List.of(transfer("t1", "c1", "c1", 0, "bob"), transfer("t2", "c1", "t1", 0, "carol"));
        store.storeTransactions(second);
        store.applyToUtxos(second);
        assertTrue(store.unspent(new OutputLink("c1", 0)).isEmpty());
        assertTrue(store.unspent(new OutputLink("t1", 0)).isEmpty(), "made and spent in one block");
        assertEquals(
                List.of("carol"),
                store.unspent(new OutputLink("t2", 0)).orElseThrow().publicKeys());
        try (MongoClient client = MongoClients.create(serverUri())) {
            assertEquals(
                    List.of("c1:1", "t2:0"),
                    client
                            .getDatabase(database)
                            .getCollection("utxos")
                            .find()
                            .map(d -> d.getString("_id"))
                            .into(new java.util.ArrayList<>())
                            .stream()
                            .sorted()
                            .toList());
        }
        store.revertUtxos(List.of("t1", "t2"));
        assertTrue(store.unspent(new OutputLink("c1", 0)).isPresent(), "the rollback restores what the block spent");
        assertTrue(store.unspent(new OutputLink("t1", 0)).isEmpty());
        assertTrue(store.unspent(new OutputLink("t2", 0)).isEmpty());
    }

    @Test
    void tracksUnspentOutputsOwnedOutputsAndHistory() throws Exception {
        List<ObjectNode> block = List.of(create("c1", "alice", "{\"a\":1}"), transfer("t1", "c1", "c1", 0, "bob"));
        store.storeTransactions(block);
        store.applyToUtxos(block);
        assertFalse(store.isUnspent(new OutputLink("c1", 0)));
        assertTrue(store.isUnspent(new OutputLink("c1", 1)));
        assertTrue(store.isUnspent(new OutputLink("t1", 0)));
        assertEquals(
                List.of(new OutputLink("c1", 0), new OutputLink("c1", 1)),
                store.readModel().outputsOwnedBy("alice"));
        assertEquals(
                Set.of(new OutputLink("c1", 0)),
                store.readModel().spentAmong(store.readModel().outputsOwnedBy("alice")));
        assertEquals(List.of(new OutputLink("c1", 1)), store.readModel().unspentOutputsOwnedBy("alice"));
        assertEquals(
                List.of("c1", "t1"),
                store.readModel().transactionsOfAsset("c1").stream()
                        .map(n -> n.get("id").asText())
                        .toList());

        List<ObjectNode> later = List.of(transfer("t2", "c1", "t1", 0, "carol"));
        store.storeTransactions(later);
        store.applyToUtxos(later);
        assertEquals(List.of("c1", "t1", "t2"), ids(store.readModel().transactionsOfAsset("c1", null, false)));
        assertEquals(List.of("c1"), ids(store.readModel().transactionsOfAsset("c1", "CREATE", false)));
        assertEquals(List.of("t1", "t2"), ids(store.readModel().transactionsOfAsset("c1", "TRANSFER", false)));
        assertEquals(
                List.of("t2"),
                ids(store.readModel().transactionsOfAsset("c1", null, true)),
                "last_tx: the latest of the history");
        assertEquals(List.of("c1"), ids(store.readModel().transactionsOfAsset("c1", "CREATE", true)));
        assertEquals(
                List.of(),
                ids(store.readModel().transactionsOfAsset("t1", "CREATE", false)),
                "a TRANSFER's id is not an asset id");
        assertEquals(
                store.readModel().transaction("t2").orElseThrow(),
                store.readModel().transactionsOfAsset("c1", "TRANSFER", true).get(0),
                "what is returned carries its metadata back");
    }

    private static List<String> ids(List<ObjectNode> txs) {
        return txs.stream().map(n -> n.get("id").asText()).toList();
    }

    @Test
    void replayedWritesAreIdempotentAndRollbackRemovesThem() throws Exception {
        ObjectNode c = create("c1", "alice", "{\"a\":1}");
        store.storeTransactions(List.of(c));
        store.storeTransactions(List.of(c));
        store.applyToUtxos(List.of(c));
        assertEquals(1, store.countTransactions());

        // An interrupted block that spent c1's first output is rolled back: the output is unspent again.
        ObjectNode t = transfer("t1", "c1", "c1", 0, "bob");
        store.storeTransactions(List.of(t));
        store.applyToUtxos(List.of(t));
        store.revertUtxos(List.of("t1"));
        store.deleteTransactions(List.of("t1"));
        assertTrue(store.isUnspent(new OutputLink("c1", 0)));
        assertFalse(store.isUnspent(new OutputLink("t1", 0)));
        assertTrue(store.readModel().transaction("t1").isEmpty());
        assertEquals(1, store.countTransactions());
    }

    @Test
    void continuesADatabaseWrittenByBigchainDb() throws Exception {
        // As BigchainDB 2.2.2 writes it: ObjectId _ids, asset and metadata split out, no utxos.
        String legacy = database + "_bdb";
        try (MongoClient client = MongoClients.create(serverUri())) {
            var db = client.getDatabase(legacy);
            ObjectNode c = create("c1", "alice", "{\"a\":1}");
            ObjectNode t = transfer("t1", "c1", "c1", 0, "bob");
            for (ObjectNode tx : List.of(c, t)) {
                ObjectNode body = tx.deepCopy();
                BigchainDbWriter.write(body, db);
            }
            db.getCollection("blocks")
                    .insertOne(new Document("app_hash", "h1")
                            .append("height", 1L)
                            .append("transactions", List.of("c1", "t1")));
        }
        try (LedgerStore adopted = LedgerStore.open(serverUri(), legacy)) {
            assertEquals(
                    create("c1", "alice", "{\"a\":1}"),
                    adopted.readModel().transaction("c1").orElseThrow());
            assertTrue(adopted.isCommitted("t1"));
            assertFalse(adopted.isUnspent(new OutputLink("c1", 0)), "utxos rebuilt: spent by t1");
            assertTrue(adopted.isUnspent(new OutputLink("c1", 1)));
            assertTrue(adopted.isUnspent(new OutputLink("t1", 0)));
            assertEquals(1, adopted.block(1).orElseThrow().height());
        }
    }

    /** Writes a transaction the way BigchainDB's store_bulk_transactions does. */
    private static final class BigchainDbWriter {
        static void write(ObjectNode tx, com.mongodb.client.MongoDatabase db) {
            String id = tx.get("id").asText();
            if (tx.get("operation").asText().equals("CREATE")) {
                ObjectNode asset = (ObjectNode) tx.remove("asset");
                Document a = BsonJson.toDocument(asset);
                a.put("id", id);
                db.getCollection("assets").insertOne(a);
            }
            Document m = new Document("id", id).append("metadata", BsonJson.toBsonValue(tx.remove("metadata")));
            db.getCollection("metadata").insertOne(m);
            db.getCollection("transactions").insertOne(BsonJson.toDocument(tx));
        }
    }

    @Test
    void blocksPreCommitChainsAndValidators() {
        store.storeBlock(new BlockRecord(0, "", List.of()));
        store.storeBlock(new BlockRecord(1, "h1", List.of("c1")));
        store.storeBlock(new BlockRecord(1, "h1", List.of("c1")));
        assertEquals(
                new BlockRecord(1, "h1", List.of("c1")), store.latestBlock().orElseThrow());
        assertEquals(List.of(1L), store.readModel().heightsOfBlocksContaining("c1"));
        store.storePreCommit(new PreCommitRecord(2, List.of("x")));
        store.storePreCommit(new PreCommitRecord(3, List.of("y")));
        assertEquals(
                new PreCommitRecord(3, List.of("y")),
                store.preCommit().orElseThrow(),
                "one pre-commit record, replaced");
        store.storeAbciChain(new AbciChainRecord(0, "chain-A", true));
        assertEquals("chain-A", store.latestAbciChain().orElseThrow().chainId());
        store.storeValidatorSet(1, List.of(new ValidatorRecord("a2V5", 10)));
        assertEquals(List.of(new ValidatorRecord("a2V5", 10)), store.latestValidators());
    }

    @Test
    void textSearchOverAssetsAndMetadata() throws Exception {
        store.storeTransactions(List.of(
                create("c1", "alice", "{\"sensor\":\"kitchen temperature\"}"),
                create("c2", "alice", "{\"sensor\":\"garage humidity\"}")));
        List<ObjectNode> found = store.readModel().searchAssets("kitchen", 0);
        assertEquals(1, found.size());
        assertEquals("c1", found.get(0).get("id").asText());
        assertEquals(
                "kitchen temperature", found.get(0).get("data").get("sensor").asText());
        assertEquals(2, store.readModel().searchMetadata("created", 0).size());
        assertEquals(1, store.readModel().searchMetadata("created", 1).size());
    }

    @Test
    void holdsEveryOddValueAndReadsItBackValueExact() throws Exception {
        int n = 0;
        for (var odd : OddValues.all().entrySet()) {
            String id = "odd" + n++;
            ObjectNode tx = create(id, "alice", "{}");
            ((ObjectNode) tx.get("asset")).set("data", odd.getValue());
            tx.set("metadata", odd.getValue());
            store.storeTransactions(List.of(tx));
            ObjectNode back = store.readModel().transaction(id).orElseThrow();
            assertEquals(tx, back, odd.getKey());
            // Jackson's equality tells -0.0 from 0.0; the canonical text (what the id hashes) also shows
            // int from float. Key order is not kept: FerretDB moves every "_id" key first.
            assertEquals(Canonical.serialize(tx), Canonical.serialize(back), odd.getKey());
        }
    }

    @Test
    void encodesOnlyWhatTheServerCannotHoldAndSearchStillFindsIt() throws Exception {
        ObjectNode c = create("c1", "alice", "{\"rows\":[[\"kitchen\",-0.0]],\"plain\":[1,{\"k\":\"v\"}]}");
        store.storeTransactions(List.of(c));
        try (MongoClient client = MongoClients.create(serverUri())) {
            Document data = client.getDatabase(database)
                    .getCollection("assets")
                    .find(new Document("id", "c1"))
                    .first()
                    .get("data", Document.class);
            assertEquals(
                    List.of(new Document("%ledgerd", 1)
                            .append("0", "kitchen")
                            .append("1", new Document("%ledgerd", 3))),
                    data.get("rows"),
                    "an array inside an array becomes a marked document, -0.0 a marked document");
            assertEquals(List.of(1, new Document("k", "v")), data.get("plain"), "everything else as pymongo stores it");
        }
        assertEquals(
                List.of("c1"),
                ids(store.readModel().searchAssets("kitchen", 0)),
                "text inside encoded arrays is searchable");
        assertEquals(
                c.get("asset"),
                store.readModel().searchAssets("kitchen", 0).get(0).without("id"));
        assertEquals(List.of(), ids(store.readModel().searchAssets("ledgerd", 0)), "the marker is no searchable word");
    }

    @Test
    void readsMarkerKeysAnotherWriterStoredAsPlainData() throws Exception {
        // BigchainDB stores a user's {"%ledgerd": ...} as it is; only the exact encoded forms are decoded.
        String legacy = database + "_bdb";
        try (MongoClient client = MongoClients.create(serverUri())) {
            var db = client.getDatabase(legacy);
            ObjectNode c = create(
                    "c1",
                    "alice",
                    "{\"a\":{\"%ledgerd\":1,\"1\":\"x\"},\"b\":{\"%ledgerd\":3,\"c\":1},"
                            + "\"d\":{\"%ledgerd\":\"1\"},\"e\":{\"%ledgerd\":2,\"x\":1},\"f\":{\"%ledgerd\":2}}");
            db.getCollection("assets")
                    .insertOne(new Document(
                                    "data", Document.parse(c.at("/asset/data").toString()))
                            .append("id", "c1"));
            ObjectNode tx = c.deepCopy();
            tx.remove("asset");
            tx.remove("metadata");
            db.getCollection("transactions").insertOne(Document.parse(tx.toString()));
            db.getCollection("metadata").insertOne(new Document("id", "c1").append("metadata", null));
            try (LedgerStore adopted = LedgerStore.open(serverUri(), legacy)) {
                ObjectNode back = adopted.readModel().transaction("c1").orElseThrow();
                assertEquals(c.get("asset"), back.get("asset"));
            }
        }
    }

    @Test
    void listsAnOutputUnderTheOwnersOfItsConditionNotOfItsPublicKeys() throws Exception {
        ObjectNode c = create("c1", "alice", "{}");
        // Output 0 names alice in public_keys but its condition is bob's; output 1 is a 1-of-2 of carol and alice.
        ((ObjectNode) c.at("/outputs/0/condition")).set("details", JSON.readTree(ed25519("bob")));
        ((ObjectNode) c.at("/outputs/1/condition"))
                .set(
                        "details",
                        JSON.readTree("{\"type\":\"threshold-sha-256\",\"threshold\":1,\"subconditions\":["
                                + ed25519("carol") + "," + ed25519("alice") + "]}"));
        store.storeTransactions(List.of(c));
        store.applyToUtxos(List.of(c));
        assertEquals(List.of(new OutputLink("c1", 1)), store.readModel().outputsOwnedBy("alice"));
        assertEquals(List.of(new OutputLink("c1", 1)), store.readModel().unspentOutputsOwnedBy("alice"));
        assertEquals(
                List.of(), store.readModel().outputsOwnedBy("bob"), "2.2.2 only looks where public_keys names the key");
        assertEquals(List.of(), store.readModel().outputsOwnedBy("carol"));
    }

    @Test
    void anAssetsHistoryIsInCommitOrderWhateverItsIds() throws Exception {
        // BigchainDB's get_txids_filtered answers in the collection's natural (insertion) order.
        List<String> commitOrder = List.of("f0", "a1", "e2", "b3", "d4", "c5");
        store.storeTransactions(List.of(create("f0", "alice", "{}")));
        String spent = "f0";
        for (String id : commitOrder.subList(1, commitOrder.size())) {
            store.storeTransactions(List.of(transfer(id, "f0", spent, 0, "bob")));
            spent = id;
        }
        assertEquals(commitOrder, ids(store.readModel().transactionsOfAsset("f0", null, false)));
        assertEquals(List.of("c5"), ids(store.readModel().transactionsOfAsset("f0", null, true)));
        assertEquals(
                commitOrder.subList(1, commitOrder.size()),
                ids(store.readModel().transactionsOfAsset("f0", "TRANSFER", false)));
    }
}
