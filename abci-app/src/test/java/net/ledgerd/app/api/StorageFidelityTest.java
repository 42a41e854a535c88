package net.ledgerd.app.api;

import static net.ledgerd.app.api.OddValueCalls.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.ledgerd.app.node.SingleNode;
import net.ledgerd.app.store.OddValues;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.build.TransactionSigner;
import net.ledgerd.tx.conditions.ConditionDetails;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.json.Canonical;
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
        SignedTransaction tx =
                create(json("{\"f\":[0.0001,1e-05,1e21,-0.0,2.2250738585072014e-308,1.7976931348623157e308,100.0,7]}"));
        postCommitted(node.baseUrl(), tx);
        String expected = "[0.0001,1e-05,1e+21,-0.0,2.2250738585072014e-308,1.7976931348623157e+308,100.0,7]";
        String served = getText(node.baseUrl(), "/api/v1/transactions/" + tx.id());
        assertTrue(served.contains("\"f\":" + expected), served);
        String block = getText(
                node.baseUrl(),
                "/api/v1/blocks/"
                        + get(node.baseUrl(), "/api/v1/blocks?transaction_id=" + tx.id())
                                .get(0));
        assertTrue(block.contains("\"f\":" + expected), block);
    }

    @Test
    void servesOutputAmountsAs2_2_2Does() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        ObjectNode unsigned = TransactionBuilder.create(key)
                .asset(json("{\"amount\":\"as posted\"}"))
                .output(7, key.publicKeyBase58())
                .unsignedJson();
        ((ObjectNode) unsigned.at("/outputs/0")).put("amount", "007");
        ObjectNode signed = TransactionSigner.sign(
                unsigned, List.of(ConditionDetails.forOwners(List.of(key.publicKeyBase58()))), key);
        SignedTransaction tx = new SignedTransaction(
                Transactions.parse(Canonical.serializeUtf8(signed)), Canonical.serializeUtf8(signed));
        postCommitted(node.baseUrl(), tx);
        JsonNode served = get(node.baseUrl(), "/api/v1/transactions/" + tx.id());
        assertEquals("7", served.at("/outputs/0/amount").asText(), "2.2.2 serves str(int(amount))");
        ObjectNode expected = tx.json().deepCopy();
        ((ObjectNode) expected.at("/outputs/0")).put("amount", "7");
        assertEquals(expected, served, "nothing else changes");
        JsonNode listed = get(node.baseUrl(), "/api/v1/transactions?asset_id=" + tx.id());
        assertEquals(expected, listed.get(0));
        JsonNode height =
                get(node.baseUrl(), "/api/v1/blocks?transaction_id=" + tx.id()).get(0);
        assertEquals(expected, get(node.baseUrl(), "/api/v1/blocks/" + height).at("/transactions/0"));
    }
}
