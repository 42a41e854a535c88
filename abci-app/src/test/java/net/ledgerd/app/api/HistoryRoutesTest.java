package net.ledgerd.app.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.ledgerd.app.node.SingleNode;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The history routes against a running node (Tendermint + app + FerretDB): a device's asset made
 * of signed transactions in the ingestor's shape, committed through the API, then read back paged,
 * as a series and as exports; bad parameters answer 400 naming them.
 */
class HistoryRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long T0 = 1_764_000_000_000L;
    private static SingleNode node;
    private static String base;
    private static final Ed25519KeyPair OWNER = Ed25519KeyPair.generate();
    private static final String DEVICE = "dev-" + UUID.randomUUID();
    private static String assetId;
    private static String headId;

    @BeforeAll
    static void startNodeAndRecordReadings() throws Exception {
        node = SingleNode.start("history", Map.of());
        base = node.baseUrl();
        SignedTransaction head = TransactionBuilder.create(OWNER)
                .asset(Map.of("device", DEVICE, "key", "temperature", "unit", "°C"))
                .output(1, OWNER.publicKeyBase58())
                .sign(OWNER);
        commit(head);
        assetId = head.id();
        for (int i = 0; i < 3; i++) {
            List<Map<String, Object>> readings = List.of(
                    Map.of("t", T0 + i * 2000L, "tz", "UTC", "v", 20.0 + i, "o", i, "i", 0),
                    Map.of("t", T0 + i * 2000L + 1000, "tz", "UTC", "v", 30.0 + i, "o", i, "i", 1));
            head = TransactionBuilder.transfer(head.transaction(), 0)
                    .output(1, OWNER.publicKeyBase58())
                    .metadata(Map.of("readings", readings))
                    .sign(OWNER);
            commit(head);
        }
        headId = head.id();
        awaitHistoryOfTheLatestBlock();
    }

    /** The history is written behind Commit: its answers say through which height they hold the blocks. */
    private static void awaitHistoryOfTheLatestBlock() throws Exception {
        long height = ok("/api/v1/network?blocks=1").path("height").asLong();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (ok("/api/v1/assets/" + assetId + "/history?limit=1")
                        .path("history_height")
                        .asLong()
                < height) {
            assertTrue(System.nanoTime() < deadline, "the history reached height " + height + " within 60 s");
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static void commit(SignedTransaction tx) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/transactions?mode=commit"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(tx.bytes()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
    }

    private static HttpResponse<String> raw(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = raw(path, null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static void refused(String path, String parameter) throws Exception {
        HttpResponse<String> r = raw(path, null);
        assertEquals(400, r.statusCode(), path + ": " + r.body());
        assertTrue(JSON.readTree(r.body()).path("message").has(parameter), path + ": " + r.body());
    }

    @Test
    void theHistoryIsPagedNewestFirst() throws Exception {
        JsonNode first = ok("/api/v1/assets/" + assetId + "/history?limit=3");
        assertEquals(4, first.path("total").asInt());
        assertEquals(headId, first.path("entries").get(0).path("id").asText());
        assertEquals(3, first.path("entries").get(0).path("position").asInt());
        assertEquals(
                2, first.path("entries").get(0).path("readings").path("count").asInt());
        assertEquals("1", first.path("next_cursor").asText());
        JsonNode last = ok("/api/v1/assets/" + assetId + "/history?limit=3&cursor=1");
        assertEquals(1, last.path("entries").size());
        assertEquals("CREATE", last.path("entries").get(0).path("operation").asText());
        assertTrue(last.path("next_cursor").isNull());
        // BigchainDB's own route answers as before: the whole list, CREATE first.
        JsonNode list = ok("/api/v1/transactions?asset_id=" + assetId);
        assertTrue(list.isArray());
        assertEquals(4, list.size());
        assertEquals(assetId, list.get(0).path("id").asText());
        refused("/api/v1/assets/" + assetId + "/history?cursor=abc", "cursor");
        refused("/api/v1/assets/" + assetId + "/history?cursor=5", "cursor");
        refused("/api/v1/assets/" + assetId + "/history?limit=0", "limit");
        refused("/api/v1/assets/" + assetId + "/history?limit=101", "limit");
        refused("/api/v1/assets/nothex/history", "asset_id");
        assertEquals(
                400, raw("/api/v1/assets/" + assetId + "/history?page=2", null).statusCode());
        assertEquals(
                404, raw("/api/v1/assets/" + "0".repeat(64) + "/history", null).statusCode());
    }

    @Test
    void readingsAreASeriesAndExportAsJsonAndCsv() throws Exception {
        JsonNode all = ok("/api/v1/assets/" + assetId + "/readings");
        assertEquals(6, all.path("total_readings").asInt());
        assertEquals(100, all.path("resolution_ms").asLong());
        assertEquals(6, all.path("points").size());
        assertEquals(T0, all.path("from").asLong());
        JsonNode two = ok("/api/v1/assets/" + assetId + "/readings?points=2&from=" + T0 + "&to=" + (T0 + 5000));
        assertTrue(two.path("points").size() <= 2);
        long n = 0;
        double max = 0;
        for (JsonNode p : two.path("points")) {
            n += p.path("count").asLong();
            max = Math.max(max, p.path("max").asDouble());
        }
        assertEquals(6, n);
        assertEquals(32.0, max);
        JsonNode iso =
                ok("/api/v1/assets/" + assetId + "/readings?from=2025-11-24T16:00:01Z&to=2025-11-24T16:00:03.500Z");
        assertEquals(3, iso.path("points").size(), iso.toString());
        refused("/api/v1/assets/" + assetId + "/readings?from=yesterday", "from");
        refused("/api/v1/assets/" + assetId + "/readings?from=10&to=5", "to");
        refused("/api/v1/assets/" + assetId + "/readings?points=2001", "points");

        JsonNode json = ok("/api/v1/assets/" + assetId + "/readings/export");
        assertEquals(6, json.size());
        assertEquals(20.0, json.get(0).path("value").asDouble());
        assertEquals("°C", json.get(0).path("unit").asText());
        assertEquals("temperature", json.get(0).path("key").asText());
        HttpResponse<String> csv =
                raw("/api/v1/assets/" + assetId + "/readings/export?format=csv&from=" + (T0 + 2000), null);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\n");
        assertEquals("t,t_ms,tz,key,value,unit,transaction_id,height", lines[0]);
        assertEquals(5, lines.length);
        assertTrue(
                lines[4].startsWith((T0 + 5000) + "," + (T0 + 5000) + ",UTC,temperature,32.0,°C," + headId + ","),
                lines[4]);
        HttpResponse<String> accepted = raw("/api/v1/assets/" + assetId + "/readings/export", "text/csv");
        assertTrue(accepted.body().startsWith("t,t_ms,"));
        refused("/api/v1/assets/" + assetId + "/readings/export?format=xml", "format");
    }

    @Test
    void unspentOutputsAndDevicesAreFound() throws Exception {
        JsonNode unspent = ok("/api/v1/owners/" + OWNER.publicKeyBase58() + "/unspent");
        assertEquals(1, unspent.path("outputs").size());
        assertEquals(
                headId, unspent.path("outputs").get(0).path("transaction_id").asText());
        assertEquals(assetId, unspent.path("outputs").get(0).path("asset_id").asText());
        assertTrue(unspent.path("next_cursor").isNull());
        refused("/api/v1/owners/" + OWNER.publicKeyBase58() + "/unspent?cursor=zz", "cursor");
        refused("/api/v1/owners/0OIl/unspent", "public_key");
        JsonNode device = ok("/api/v1/devices/" + DEVICE);
        assertEquals(assetId, device.path("assets").get(0).path("asset_id").asText());
        assertEquals(
                404,
                raw("/api/v1/devices/no-such-device-" + UUID.randomUUID(), null).statusCode());
    }
}
