package net.ledgerd.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.ledgerd.app.node.SingleNode;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.testkit.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests generated from the app's own OpenAPI document by schemathesis (valid, invalid, hostile
 * values, undeclared methods, stateful sequences) against a running node: no answer is a server
 * error, every status and body is one the document declares, 405s carry Allow, invalid parameters
 * are refused, and nothing generated gets stored. Schemathesis is installed by
 * network/bin/install-schemathesis (network/bin/test runs it).
 *
 * <p>Excluded check: positive_data_acceptance. A request the document calls valid may still be
 * refused for a reason no schema can state (a signature, a spent input, a plain GET on the
 * WebSocket path), exactly as BigchainDB refuses it.
 */
class GeneratedRequestsTest {
    // LEDGERD_SCHEMATHESIS: another install of the locked version, where .tools is shared read-only.
    private static final Path SCHEMATHESIS = System.getenv("LEDGERD_SCHEMATHESIS") != null
            ? Path.of(System.getenv("LEDGERD_SCHEMATHESIS"))
            : Tools.repoRoot().resolve(".tools/schemathesis/bin/schemathesis");
    private static SingleNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("fuzz", Map.of());
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void generatedAndHostileRequestsGetDeclaredAnswersAndStoreNothing() throws Exception {
        assertTrue(
                Files.isExecutable(SCHEMATHESIS), SCHEMATHESIS + " is missing: run network/bin/install-schemathesis");
        String base = node.baseUrl();
        Path report = Files.createDirectories(Path.of("target")).resolve("schemathesis.log");
        Process p = new ProcessBuilder(List.of(
                        SCHEMATHESIS.toString(),
                        "run",
                        base + "/api/v1/openapi.json",
                        "--url",
                        base,
                        "--checks",
                        "all",
                        "--exclude-checks",
                        "positive_data_acceptance",
                        // Fixed seed and one worker: the same requests on every run.
                        "--seed",
                        "1",
                        "--workers",
                        "1",
                        "--max-examples",
                        "60",
                        "--no-color"))
                // Its cache of earlier failures goes to target/, so a clean build starts without it.
                .directory(report.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(report.toFile())
                .start();
        assertTrue(p.waitFor(8, TimeUnit.MINUTES), "schemathesis did not finish in 8 minutes");
        String output = Files.readString(report, StandardCharsets.UTF_8);
        assertEquals(
                0,
                p.exitValue(),
                "schemathesis found failures (full report in " + report.toAbsolutePath() + "):\n"
                        + output.substring(Math.max(0, output.length() - 6000)));
        assertTrue(output.contains("generated"), "schemathesis ran no test cases:\n" + output);

        try (LedgerStore store = LedgerStore.open(node.mongo.uri(), node.database)) {
            assertEquals(0, store.countTransactions(), "a generated request got a transaction stored");
        }
        HttpResponse<String> still = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, still.statusCode(), "the API keeps serving afterwards");
    }
}
