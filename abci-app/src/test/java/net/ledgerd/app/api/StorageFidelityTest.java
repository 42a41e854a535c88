package net.ledgerd.app.api;

import static net.ledgerd.app.api.OddValueCalls.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import net.ledgerd.app.node.SingleNode;
import net.ledgerd.app.store.OddValues;
import net.ledgerd.tx.build.SignedTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every odd value BigchainDB 2.2.2 accepts goes through a real node (Tendermint 0.31.5, the app, the
 * test database: FerretDB unless mongod is installed) as a CREATE's asset data and metadata, is
 * committed, and comes back value-exact through the HTTP API; the chain keeps making blocks.
 */
class StorageFidelityTest {
    private static SingleNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("fidelity", Map.of());
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void everyOddValueIsCommittedAndServedBackValueExact() throws Exception {
        for (var odd : OddValues.all().entrySet()) {
            SignedTransaction tx = create(odd.getValue());
            postCommitted(node.baseUrl(), tx);
            assertServedExact(odd.getKey(), tx, get(node.baseUrl(), "/api/v1/transactions/" + tx.id()));
        }
        SignedTransaction after = create(json("{\"after\":\"the odd ones\"}"));
        postCommitted(node.baseUrl(), after);
        assertServedExact(
                "a plain CREATE after them", after, get(node.baseUrl(), "/api/v1/transactions/" + after.id()));
    }

    @Test
    void searchFindsTextInsideArraysInArrays() throws Exception {
        SignedTransaction tx = create(json("{\"grid\":[[\"zanzibar\",-0.0],[[\"quokka\"]]]}"));
        postCommitted(node.baseUrl(), tx);
        JsonNode assets = get(node.baseUrl(), "/api/v1/assets?search=quokka");
        assertEquals(1, assets.size(), assets.toString());
        assertEquals(tx.id(), assets.get(0).get("id").asText());
        assertEquals(tx.json().at("/asset/data"), assets.get(0).get("data"));
        JsonNode metadata = get(node.baseUrl(), "/api/v1/metadata?search=zanzibar");
        assertEquals(1, metadata.size(), metadata.toString());
        assertEquals(tx.json().get("metadata"), metadata.get(0).get("metadata"));
    }

    @Test
    void servesFloatsAsPythonWritesThem() throws Exception {
        SignedTransaction tx = create(json("{\"f\":[0.0001,1e-05,1e21,-0.0,5e-324,1.7976931348623157e308,100.0,7]}"));
        postCommitted(node.baseUrl(), tx);
        String expected = "[0.0001,1e-05,1e+21,-0.0,5e-324,1.7976931348623157e+308,100.0,7]";
        String served = getText(node.baseUrl(), "/api/v1/transactions/" + tx.id());
        assertTrue(served.contains("\"f\":" + expected), served);
        String block = getText(
                node.baseUrl(),
                "/api/v1/blocks/"
                        + get(node.baseUrl(), "/api/v1/blocks?transaction_id=" + tx.id())
                                .get(0));
        assertTrue(block.contains("\"f\":" + expected), block);
    }
}
