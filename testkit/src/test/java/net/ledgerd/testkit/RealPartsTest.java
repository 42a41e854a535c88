package net.ledgerd.testkit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** The real binaries start, answer and survive a restart (Tendermint with its built-in kvstore app). */
class RealPartsTest {
    @Test
    void mongoServerStoresAndFinds() {
        try (MongoServer server = MongoServer.start(); MongoClient client = MongoClients.create(server.uri())) {
            var coll = client.getDatabase("testkit").getCollection("c");
            coll.insertOne(new Document("k", "v"));
            assertEquals("v", coll.find(new Document("k", "v")).first().getString("k"));
        }
    }

    @Test
    void tendermintCommitsAndResumesAfterRestart() throws Exception {
        try (TendermintNode node = TendermintNode.builder().proxyApp("kvstore").name("tm-kvstore").init().start()) {
            var result = node.rpc().broadcastTxCommit("key=value".getBytes(StandardCharsets.UTF_8));
            assertEquals(0, result.checkCode());
            assertEquals(0, result.deliverCode());
            assertTrue(result.height() >= 1);
            node.stop();
            node.start();
            var status = node.awaitHeight(result.height(), Duration.ofSeconds(30));
            assertTrue(status.latestBlockHeight() >= result.height());
            var again = node.rpc().broadcastTxCommit("key2=value2".getBytes(StandardCharsets.UTF_8));
            assertTrue(again.height() > result.height(), "a block after the restart");
        }
    }
}
