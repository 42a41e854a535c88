package net.ledgerd.app.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.ledgerd.app.node.SingleNode;
import net.ledgerd.app.node.TestTransactions;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.testkit.TendermintNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BigchainDB 2.2.2's HTTP API against a running node (Tendermint + app + database): answers and errors. */
class HttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SingleNode node;
    private static TendermintNode tm;
    private static String base;
    private static final TestTransactions TXS = new TestTransactions();

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("api", Map.of("http.max_request_bytes", "100000"));
        tm = node.tendermint;
        base = node.baseUrl();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    record Answer(int status, JsonNode body) {}

    static Answer get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    static Answer post(String path, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    static long stored() {
        try (LedgerStore store = LedgerStore.open(node.mongo.uri(), node.database)) {
            return store.countTransactions();
        }
    }

    @Test
    void indexPagesDescribeTheApi() throws Exception {
        Answer root = get("/");
        assertEquals(200, root.status);
        assertEquals("BigchainDB", root.body.get("software").asText());
        assertEquals("2.2.2", root.body.get("version").asText());
        assertEquals(
                "/api/v1/transactions/",
                root.body.get("api").get("v1").get("transactions").asText());
        Answer v1 = get("/api/v1/");
        assertEquals("/outputs/", v1.body.get("outputs").asText());
        assertTrue(v1.body.get("streams").asText().endsWith("/api/v1/streams/valid_transactions"));
    }

    @Test
    void createTransferAndReadBack() throws Exception {
        TestTransactions.Created created = TXS.createOwned("api asset", 10);
        Answer posted = post("/api/v1/transactions?mode=commit", created.bytes(), "application/json");
        assertEquals(202, posted.status, String.valueOf(posted.body));
        assertEquals(JSON.readTree(created.bytes()), posted.body, "202 answers with the transaction");
        Answer fetched = get("/api/v1/transactions/" + created.id());
        assertEquals(200, fetched.status);
        assertEquals(JSON.readTree(created.bytes()), fetched.body);

        byte[] transfer = TXS.transferAll(created, 10);
        assertEquals(202, post("/api/v1/transactions?mode=sync", transfer, "application/json").status);
        awaitStored(TestTransactions.idOf(transfer));

        Answer history = get("/api/v1/transactions?asset_id=" + created.id());
        assertEquals(2, history.body.size());
        assertEquals("CREATE", history.body.get(0).get("operation").asText());
        Answer last = get("/api/v1/transactions?asset_id=" + created.id() + "&last_tx=true");
        assertEquals(TestTransactions.idOf(transfer), last.body.get(0).get("id").asText());
        assertEquals(
                1,
                get("/api/v1/transactions?asset_id=" + created.id() + "&operation=TRANSFER")
                        .body
                        .size());

        Answer unspent = get("/api/v1/outputs?public_key=" + created.ownerPublicKey() + "&spent=false");
        assertEquals(0, unspent.body.size(), "the owner's only output was transferred");
        Answer spent = get("/api/v1/outputs?public_key=" + created.ownerPublicKey() + "&spent=true");
        assertEquals(created.id(), spent.body.get(0).get("transaction_id").asText());

        Answer blocks = get("/api/v1/blocks?transaction_id=" + created.id());
        long height = blocks.body.get(0).asLong();
        Answer block = get("/api/v1/blocks/" + height);
        assertEquals(height, block.body.get("height").asLong());
        assertEquals(
                created.id(), block.body.get("transactions").get(0).get("id").asText());

        Answer assets = get("/api/v1/assets?search=" + "api");
        assertTrue(assets.body.size() >= 1);
        Answer validators = get("/api/v1/validators");
        assertEquals(1, validators.body.size());
        assertEquals(
                "ed25519-base64",
                validators.body.get(0).get("public_key").get("type").asText());
    }

    @Test
    void explorerAndItsRoutesAreServed() throws Exception {
        TestTransactions.Created created = TXS.createOwned("explorer asset", 3);
        assertEquals(202, post("/api/v1/transactions?mode=commit", created.bytes(), "application/json").status);
        byte[] transfer = TXS.transferAll(created, 3);
        assertEquals(202, post("/api/v1/transactions?mode=commit", transfer, "application/json").status);
        awaitStored(TestTransactions.idOf(transfer));

        Answer spent = get("/api/v1/transactions/" + created.id() + "/outputs");
        assertEquals(200, spent.status);
        assertEquals(0, spent.body.get(0).get("output_index").asInt());
        assertEquals("3", spent.body.get(0).get("amount").asText());
        assertEquals(
                created.ownerPublicKey(),
                spent.body.get(0).get("public_keys").get(0).asText());
        assertTrue(spent.body.get(0).get("spent").asBoolean(), "the CREATE's output was transferred");
        Answer unspent = get("/api/v1/transactions/" + TestTransactions.idOf(transfer) + "/outputs");
        assertEquals(false, unspent.body.get(0).get("spent").asBoolean());
        assertEquals(404, get("/api/v1/transactions/" + "0".repeat(64) + "/outputs").status);

        long height = get("/api/v1/blocks?transaction_id=" + TestTransactions.idOf(transfer))
                .body
                .get(0)
                .asLong();
        Answer network = get("/api/v1/network?blocks=100");
        assertEquals(200, network.status);
        assertTrue(network.body.get("height").asLong() >= height);
        boolean listed = false;
        for (JsonNode b : network.body.get("blocks")) {
            listed |=
                    b.get("height").asLong() == height && b.get("transactions").asInt() == 1;
        }
        assertTrue(listed, "block " + height + " with its one transaction: " + network.body);
        Answer tooMany = get("/api/v1/network?blocks=101");
        assertEquals(400, tooMany.status);
        assertTrue(tooMany.body.toString().contains("blocks"), tooMany.body.toString());
        assertEquals(400, get("/api/v1/network?blocks=x").status);
        assertEquals(400, get("/api/v1/network?height=1").status);

        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/explorer/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("ledgerd explorer"));
        HttpResponse<String> withoutSlash = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/explorer")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, withoutSlash.statusCode());
        assertEquals("/explorer/", withoutSlash.headers().firstValue("Location").orElse(""));
        HttpResponse<String> script = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/explorer/js/verify.js"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        HttpResponse<String> chart = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, chart.statusCode(), "the chart library is served from its webjar");
    }

    private static void awaitStored(String id) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (get("/api/v1/transactions/" + id).status == 200) {
                return;
            }
            Thread.sleep(100);
        }
        fail("transaction " + id + " was not committed");
    }

    @Test
    void badInputGetsBigchainDbErrorsAndStoresNothing() throws Exception {
        long before = stored();
        Answer malformed =
                post("/api/v1/transactions", "{\"id\": ".getBytes(StandardCharsets.UTF_8), "application/json");
        assertEquals(400, malformed.status);
        assertTrue(
                malformed.body.get("message").asText().startsWith("Failed to decode JSON object"),
                malformed.body.toString());

        Answer wrongType = post("/api/v1/transactions", "[1,2]".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertEquals(400, wrongType.status);
        assertTrue(
                wrongType.body.get("message").asText().startsWith("Invalid transaction schema"),
                wrongType.body.toString());
        assertEquals(400, wrongType.body.get("status").asInt());

        ObjectNode tampered = (ObjectNode) JSON.readTree(TXS.create("tampered"));
        tampered.withObject("/metadata").put("extra", "changed after signing");
        Answer badId = post("/api/v1/transactions", JSON.writeValueAsBytes(tampered), "application/json");
        assertEquals(400, badId.status);
        assertTrue(badId.body.get("message").asText().startsWith("Invalid transaction ("), badId.body.toString());

        Answer badMode = post("/api/v1/transactions?mode=later", TXS.create("mode"), "application/json");
        assertEquals(400, badMode.status);
        assertTrue(badMode.body.get("message").get("mode").asText().startsWith("Mode must be"));

        Answer tooLarge = post("/api/v1/transactions", new byte[200_000], "application/json");
        assertEquals(413, tooLarge.status);

        byte[] once = TXS.create("only once");
        assertEquals(202, post("/api/v1/transactions?mode=commit", once, "application/json").status);
        Answer duplicate = post("/api/v1/transactions?mode=commit", once, "application/json");
        assertEquals(400, duplicate.status);
        assertTrue(duplicate.body.get("message").asText().contains("DuplicateTransaction"), duplicate.body.toString());

        assertEquals(before + 1, stored(), "only the one valid transaction was stored");
    }

    @Test
    void badQueryParametersAndUnknownRoutes() throws Exception {
        Answer missing = get("/api/v1/transactions");
        assertEquals(400, missing.status);
        assertTrue(missing.body.get("message").get("asset_id").asText().startsWith("Missing required parameter"));
        assertEquals(
                "Invalid hash",
                get("/api/v1/transactions?asset_id=xyz")
                        .body
                        .get("message")
                        .get("asset_id")
                        .asText());
        assertEquals(400, get("/api/v1/transactions?asset_id=" + "a".repeat(64) + "&operation=BURN").status);
        assertEquals(
                "Invalid base58 ed25519 key",
                get("/api/v1/outputs?public_key=0OIl")
                        .body
                        .get("message")
                        .get("public_key")
                        .asText());
        assertEquals(
                "Unknown arguments: colour",
                get("/api/v1/outputs?public_key=x&colour=red")
                        .body
                        .get("message")
                        .asText());
        assertEquals(400, get("/api/v1/outputs?public_key=" + TXS.somePublicKey() + "&spent=maybe").status);
        assertEquals(
                "text_search cannot be empty",
                get("/api/v1/assets?search=").body.get("message").asText());
        assertEquals(400, get("/api/v1/metadata?search=a&limit=ten").status);
        assertEquals(400, get("/api/v1/metadata?search=a&limit=").status, "int('') fails in BigchainDB too");
        assertEquals(
                200,
                get("/api/v1/metadata?search=a&limit=-3").status,
                "a negative limit is MongoDB's single-batch limit");
        Answer noBlock = get("/api/v1/blocks/99999999");
        assertEquals(404, noBlock.status);
        assertEquals("Not found", noBlock.body.get("message").asText());
        assertEquals(404, get("/api/v1/transactions/" + "0".repeat(64)).status);
        Answer unknown = get("/api/v1/nothing-here");
        assertEquals(404, unknown.status);
        assertTrue(
                unknown.body.get("message").asText().startsWith("The requested URL was not found on the server"),
                unknown.body.toString());
        assertEquals(404, get("/api/v2/").status);
        HttpResponse<String> wrongMethod = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/outputs"))
                        .method("DELETE", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals(
                "GET",
                wrongMethod.headers().firstValue("Allow").orElse(""),
                "RFC 9110: a 405 lists the allowed methods");
        assertEquals(
                "The method is not allowed for the requested URL.",
                JSON.readTree(wrongMethod.body()).get("message").asText());
        Answer plainStreamRequest = get("/api/v1/streams/valid_transactions");
        assertEquals(400, plainStreamRequest.status);
        assertTrue(
                plainStreamRequest.body.get("message").asText().startsWith("No WebSocket UPGRADE hdr"),
                plainStreamRequest.body.toString());
    }

    @Test
    void manyConcurrentClientsAreAllServed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                answers.add(pool.submit(() -> get("/api/v1/validators").status));
            }
            for (Future<Integer> f : answers) {
                assertEquals(200, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eventStreamAnnouncesCommittedTransactions() throws Exception {
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        WebSocket ws = HTTP.newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + node.app.httpPort() + "/api/v1/streams/valid_transactions"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                events.add(data.toString());
                                webSocket.request(1);
                                return CompletableFuture.completedFuture(null);
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        try {
            byte[] tx = TXS.create("streamed");
            assertEquals(202, post("/api/v1/transactions?mode=commit", tx, "application/json").status);
            String id = TestTransactions.idOf(tx);
            String event;
            do {
                event = events.poll(20, TimeUnit.SECONDS);
                assertNotNull(event, "no event for " + id);
            } while (!event.contains(id));
            JsonNode e = JSON.readTree(event);
            assertEquals(id, e.get("transaction_id").asText());
            assertEquals(id, e.get("asset_id").asText(), "a CREATE is its own asset");
            assertTrue(e.get("height").asLong() >= 1);
            assertTrue(event.startsWith("{\"height\": "), "written as BigchainDB's json.dumps writes it: " + event);
        } finally {
            ws.abort();
        }
    }

    @Test
    void exampleAlertRulesUseMetricsTheAppExports() throws Exception {
        tm.rpc().broadcastTxSync("not a transaction".getBytes(StandardCharsets.UTF_8));
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String rules = java.nio.file.Files.readString(
                net.ledgerd.testkit.Tools.repoRoot().resolve("network/deploy/prometheus/alerts.yml"));
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("ledgerd_[a-z_]+").matcher(rules);
        int checked = 0;
        while (m.find()) {
            assertTrue(
                    metrics.contains("\n" + m.group()),
                    m.group() + " is used by an alert but not exported:\n" + metrics);
            checked++;
        }
        assertTrue(checked >= 3, "the rules use the app's metrics");
        assertTrue(
                metrics.contains("ledgerd_transactions_rejected_total{call=\"check_tx\",reason=\"MALFORMED_JSON\"}"),
                metrics);
    }

    @Test
    void openApiDocumentMatchesTheServedRoutes() throws Exception {
        Answer doc = get("/api/v1/openapi.json");
        assertEquals(200, doc.status);
        List<String> documented = new ArrayList<>();
        Iterator<String> names = doc.body.get("paths").fieldNames();
        names.forEachRemaining(documented::add);
        Map<String, String> sample = Map.of(
                "/api/v1/transactions", "/api/v1/transactions?asset_id=" + "a".repeat(64),
                "/api/v1/transactions/{transaction_id}",
                        "/api/v1/transactions/" + TestTransactions.idOf(TXS.create("unsent")),
                "/api/v1/outputs", "/api/v1/outputs?public_key=" + TXS.somePublicKey(),
                "/api/v1/assets", "/api/v1/assets?search=x",
                "/api/v1/metadata", "/api/v1/metadata?search=x",
                "/api/v1/blocks", "/api/v1/blocks?transaction_id=" + "a".repeat(64),
                "/api/v1/blocks/{block_height}", "/api/v1/blocks/1");
        for (String path : documented) {
            if (path.equals("/api/v1/streams/valid_transactions") || path.equals("/metrics")) {
                continue;
            }
            String url = sample.getOrDefault(path, path);
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            boolean notFoundIsTheAnswer = path.equals("/api/v1/transactions/{transaction_id}");
            assertTrue(
                    r.statusCode() == 200 || (notFoundIsTheAnswer && r.statusCode() == 404),
                    path + " answered " + r.statusCode());
        }
        for (String served : List.of(
                "/",
                "/api/v1/",
                "/api/v1/transactions",
                "/api/v1/transactions/{transaction_id}",
                "/api/v1/outputs",
                "/api/v1/assets",
                "/api/v1/metadata",
                "/api/v1/blocks",
                "/api/v1/blocks/{block_height}",
                "/api/v1/validators",
                "/api/v1/streams/valid_transactions",
                "/metrics")) {
            assertTrue(documented.contains(served), served + " is served but not documented");
        }
        assertEquals(
                200,
                HTTP.send(
                                HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
    }
}
