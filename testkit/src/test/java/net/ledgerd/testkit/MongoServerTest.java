package net.ledgerd.testkit;

import static org.junit.jupiter.api.Assertions.*;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
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
}
