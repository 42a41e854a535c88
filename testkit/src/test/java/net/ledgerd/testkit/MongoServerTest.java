package net.ledgerd.testkit;

import static org.junit.jupiter.api.Assertions.*;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.result.UpdateResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The real MongoDB-protocol server (FerretDB here, mongod where installed) starts, answers and stores. */
class MongoServerTest {
    @Test
    void answersHelloOnARawConnectionAndStoresDocuments() throws Exception {
        ChildProcess process;
        try (MongoServer server = MongoServer.start()) {
            Map<String, Object> hello = MongoWire.command(server.host(), server.port(), "hello", Duration.ofSeconds(5));
            assertEquals(1.0, ((Number) hello.get("ok")).doubleValue(), hello.toString());
            assertTrue(hello.get("maxWireVersion") instanceof Integer, hello.toString());
            Map<String, Object> isMaster =
                    MongoWire.command(server.host(), server.port(), "isMaster", Duration.ofSeconds(5));
            assertEquals(Boolean.TRUE, isMaster.get("ismaster"), isMaster.toString());

            try (MongoClient client = MongoClients.create(server.uri())) {
                var coll = client.getDatabase("testkit").getCollection("c");
                coll.insertOne(new Document("id", "t1").append("n", 1));
                Document found = coll.find(new Document("id", "t1"))
                        .projection(new Document("_id", 0))
                        .first();
                assertEquals(new Document("id", "t1").append("n", 1), found);
            }
            process = server.process().orElse(null);
        }
        if (process != null) {
            assertFalse(process.isAlive(), "close() stops the server");
        }
    }

    /**
     * The ledger finds every document it validates against by _id, so an _id lookup must use the
     * index: FerretDB v1.24.0 as published scans the whole table instead (network/bin/install-ferretdb
     * patches it), which made each lookup linear in the ledger's size.
     */
    @Test
    void lookupsByIdUseTheIndex() {
        try (MongoServer server = MongoServer.start();
                MongoClient client = MongoClients.create(server.uri())) {
            var db = client.getDatabase("testkit_plan");
            db.getCollection("c").insertOne(new Document("_id", "k1").append("n", 1));
            Document explain = db.runCommand(
                    new Document("explain", new Document("find", "c").append("filter", new Document("_id", "k1"))));
            String plan = explain.get("queryPlanner", Document.class).toJson();
            if (server.isFerretDb()) {
                assertTrue(
                        plan.contains("USING INDEX") && plan.contains("__id_"),
                        "FerretDB scans for an _id lookup: " + plan);
            } else {
                assertFalse(plan.contains("COLLSCAN"), "mongod scans for an _id lookup: " + plan);
            }
        }
    }

    /**
     * Replacements and deletes by _id keep MongoDB's meaning on FerretDB, where our patch does those by _id alone
     * without reading the stored document first (network/ferretdb-build/patches): an upsert inserts, a replace
     * drops the fields the replacement lacks, a miss changes nothing, a different _id is refused, and a delete
     * removes the one document named.
     */
    @Test
    void replacementsAndDeletesByIdKeepTheirMeaning() {
        try (MongoServer server = MongoServer.start();
                MongoClient client = MongoClients.create(server.uri())) {
            var c = client.getDatabase("testkit_replace").getCollection("c");
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            UpdateResult inserted =
                    c.replaceOne(Filters.eq("_id", "a"), new Document("x", 1).append("y", List.of(1, 2)), upsert);
            assertEquals("a", inserted.getUpsertedId().asString().getValue());
            assertEquals(0, inserted.getMatchedCount());

            UpdateResult replaced = c.replaceOne(Filters.eq("_id", "a"), new Document("z", "new"), upsert);
            assertEquals(1, replaced.getMatchedCount());
            assertNull(replaced.getUpsertedId());
            assertEquals(
                    new Document("_id", "a").append("z", "new"),
                    c.find(Filters.eq("_id", "a")).first());

            UpdateResult missed = c.replaceOne(Filters.eq("_id", "b"), new Document("x", 3));
            assertEquals(0, missed.getMatchedCount());
            assertEquals(1, c.countDocuments());

            // mongod answers a write error; FerretDB's write error reply lacks the "n" the Java driver reads.
            assertThrows(
                    RuntimeException.class,
                    () -> c.replaceOne(Filters.eq("_id", "a"), new Document("_id", "other").append("x", 4)));
            assertEquals(
                    new Document("_id", "a").append("z", "new"),
                    c.find(Filters.eq("_id", "a")).first());

            c.replaceOne(Filters.and(Filters.eq("_id", "a"), Filters.eq("z", "new")), new Document("w", 5));
            assertEquals(
                    new Document("_id", "a").append("w", 5),
                    c.find(Filters.eq("_id", "a")).first());

            c.insertMany(List.of(new Document("_id", "b"), new Document("_id", "c"), new Document("_id", 7)));
            assertEquals(1, c.deleteOne(Filters.eq("_id", "b")).getDeletedCount());
            assertEquals(0, c.deleteOne(Filters.eq("_id", "b")).getDeletedCount());
            assertEquals(
                    0,
                    c.deleteMany(Filters.and(Filters.eq("_id", "c"), Filters.eq("x", 1)))
                            .getDeletedCount());
            assertEquals(1, c.deleteMany(Filters.eq("_id", "c")).getDeletedCount());
            assertEquals(1, c.deleteOne(Filters.eq("_id", 7)).getDeletedCount());
            assertEquals(List.of("a"), c.find().map(d -> d.get("_id")).into(new java.util.ArrayList<>()));
        }
    }
}
