package net.ledgerd.app.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.ledgerd.app.node.SingleNode;
import net.ledgerd.app.node.TestTransactions;
import net.ledgerd.testkit.BigchainDbNode;
import net.ledgerd.testkit.TendermintRpc;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the reference node: a real BigchainDB 2.2.2 member (on FerretDB, patched by
 * network/bin/install-bigchaindb) commits a CREATE and a TRANSFER of it over plain HTTP and refuses a second TRANSFER
 * of the same output; our node given the same transactions gives the same answers and reaches the same height and
 * app hash, and both serve the TRANSFER alike.
 */
class BigchainDbNodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Answer(int status, String body) {}

    static Answer post(String base, byte[] tx) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/transactions?mode=commit"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(tx))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    static JsonNode get(String base, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), () -> "GET " + base + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void commitsCreateAndTransferWithTheAppHashOfOurs() throws Exception {
        TestTransactions txs = new TestTransactions();
        TestTransactions.Created created = txs.createOwned("smoke", 10);
        byte[] transfer = txs.transferAll(created, 10);
        byte[] conflicting = new TestTransactions().transferAll(created, 10);
        List<byte[]> sent = List.of(created.bytes(), transfer, conflicting);
        List<Integer> expected = List.of(202, 202, 400);

        try (BigchainDbNode reference =
                        BigchainDbNode.builder().name("bdb-smoke").start();
                SingleNode ours = SingleNode.start("bdb_smoke_ours", Map.of())) {
            for (int i = 0; i < sent.size(); i++) {
                Answer theirs = post(reference.httpUrl(), sent.get(i));
                Answer mine = post(ours.baseUrl(), sent.get(i));
                assertEquals(expected.get(i), theirs.status(), "BigchainDB 2.2.2 on transaction " + i + ": " + theirs);
                assertEquals(theirs.status(), mine.status(), "ours on transaction " + i + ": " + mine);
            }
            // Each node packs the same transactions into blocks at its own moments (one or two blocks, then the
            // block that carries the new app hash), so the heights may differ by design; the app hash after the
            // same transactions may not. Poll until both report it (90 s: a loaded CI host took over 30 s).
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
            TendermintRpc.Status theirs = reference.tendermint().rpc().status();
            TendermintRpc.Status mine = ours.tendermint.rpc().status();
            while (!theirs.latestAppHash().equals(mine.latestAppHash())
                    && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                theirs = reference.tendermint().rpc().status();
                mine = ours.tendermint.rpc().status();
            }
            System.out.printf(
                    "BigchainDB 2.2.2: height %d app hash %s; ours: height %d app hash %s%n",
                    theirs.latestBlockHeight(), theirs.latestAppHash(), mine.latestBlockHeight(), mine.latestAppHash());
            assertEquals(theirs.latestAppHash(), mine.latestAppHash(), "app hash after the same transactions");
            String path =
                    "/api/v1/transactions/" + JSON.readTree(transfer).path("id").asText();
            assertEquals(get(reference.httpUrl(), path), get(ours.baseUrl(), path), "GET " + path);
        }
    }
}
