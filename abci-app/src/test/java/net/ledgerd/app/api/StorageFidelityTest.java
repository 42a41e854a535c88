package net.ledgerd.app.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import net.ledgerd.app.node.SingleNode;
import net.ledgerd.app.store.OddValues;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.json.Canonical;
import net.ledgerd.tx.json.StrictJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every odd value BigchainDB 2.2.2 accepts goes through a real node (Tendermint 0.31.5, the app, the
 * test database: FerretDB unless mongod is installed) as a CREATE's asset data and metadata, is
 * committed, and comes back value-exact through the HTTP API; the chain keeps making blocks.
 */
class StorageFidelityTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static SingleNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("fidelity", Map.of());
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    static SignedTransaction create(ObjectNode value) {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        return TransactionBuilder.create(key)
                .asset(value)
                .metadata(value)
                .output(1, key.publicKeyBase58())
                .sign(key);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode get(String baseUrl, String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl + path)));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return StrictJson.mapper().readTree(r.body());
    }

    static void postCommitted(String baseUrl, SignedTransaction tx) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/transactions?mode=commit"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tx.bytes())));
        assertEquals(202, r.statusCode(), r.body());
    }

    /** The served transaction equals the sent one: Jackson's equality (-0.0 is not 0.0) and the canonical text. */
    static void assertServedExact(String what, SignedTransaction sent, JsonNode served) {
        assertEquals(sent.json(), served, what);
        assertEquals(Canonical.serialize(sent.json()), Canonical.serialize(served), what);
    }

    @Test
    void everyOddValueIsCommittedAndServedBackValueExact() throws Exception {
        for (var odd : OddValues.all().entrySet()) {
            SignedTransaction tx = create(odd.getValue());
            postCommitted(node.baseUrl(), tx);
            assertServedExact(odd.getKey(), tx, get(node.baseUrl(), "/api/v1/transactions/" + tx.id()));
        }
        SignedTransaction after = create((ObjectNode) StrictJson.mapper().readTree("{\"after\":\"the odd ones\"}"));
        postCommitted(node.baseUrl(), after);
        assertServedExact(
                "a plain CREATE after them", after, get(node.baseUrl(), "/api/v1/transactions/" + after.id()));
    }

    @Test
    void searchFindsTextInsideArraysInArrays() throws Exception {
        SignedTransaction tx =
                create((ObjectNode) StrictJson.mapper().readTree("{\"grid\":[[\"zanzibar\",-0.0],[[\"quokka\"]]]}"));
        postCommitted(node.baseUrl(), tx);
        JsonNode assets =
                get(node.baseUrl(), "/api/v1/assets?search=" + URLEncoder.encode("quokka", StandardCharsets.UTF_8));
        assertEquals(1, assets.size(), assets.toString());
        assertEquals(tx.id(), assets.get(0).get("id").asText());
        assertEquals(tx.json().at("/asset/data"), assets.get(0).get("data"));
        JsonNode metadata = get(node.baseUrl(), "/api/v1/metadata?search=zanzibar");
        assertEquals(1, metadata.size(), metadata.toString());
        assertEquals(tx.json().get("metadata"), metadata.get(0).get("metadata"));
    }
}
