package net.ledgerd.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.json.Canonical;
import net.ledgerd.tx.json.StrictJson;

/** What the storage-fidelity tests do over a node's HTTP API: post a CREATE of odd values, read it back exactly. */
public final class OddValueCalls {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OddValueCalls() {}

    /** A signed CREATE with {@code value} as its asset data and its metadata. */
    public static SignedTransaction create(ObjectNode value) {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        return TransactionBuilder.create(key)
                .asset(value)
                .metadata(value)
                .output(1, key.publicKeyBase58())
                .sign(key);
    }

    public static ObjectNode json(String text) throws Exception {
        return (ObjectNode) StrictJson.mapper().readTree(text);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET {@code path}, which must answer 200; the body read as transactions are read (doubles as doubles). */
    public static JsonNode get(String baseUrl, String path) throws Exception {
        return StrictJson.mapper().readTree(getText(baseUrl, path));
    }

    /** GET {@code path}, which must answer 200; the body as sent. */
    public static String getText(String baseUrl, String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl + path)));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    /** POST with mode=commit: returns once the transaction is in a committed block. */
    public static void postCommitted(String baseUrl, SignedTransaction tx) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/transactions?mode=commit"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tx.bytes())));
        assertEquals(202, r.statusCode(), r.body());
    }

    /** The served transaction equals the sent one: Jackson's equality (-0.0 is not 0.0) and the canonical text. */
    public static void assertServedExact(String what, SignedTransaction sent, JsonNode served) {
        assertEquals(sent.json(), served, what);
        assertEquals(Canonical.serialize(sent.json()), Canonical.serialize(served), what);
    }
}
