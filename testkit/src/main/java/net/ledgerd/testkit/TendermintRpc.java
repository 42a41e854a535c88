package net.ledgerd.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/** A small JSON-RPC client for a Tendermint 0.31.5 node (rpc/core): what tests need to drive and observe it. */
public final class TendermintRpc {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TendermintRpc(URI base) {
        this.base = base;
    }

    public record Status(long latestBlockHeight, String latestAppHash, boolean catchingUp, String nodeId) {
    }

    /** Result of broadcast_tx_commit: CheckTx and DeliverTx codes and logs, and the height it was committed at. */
    public record CommitResult(int checkCode, String checkLog, int deliverCode, String deliverLog, long height, String hash) {
    }

    /** Result of broadcast_tx_sync/async. */
    public record BroadcastResult(int code, String log, String hash) {
    }

    public Status status() throws IOException {
        JsonNode r = call("status", JSON.createObjectNode());
        JsonNode sync = r.path("sync_info");
        return new Status(sync.path("latest_block_height").asLong(), sync.path("latest_app_hash").asText(),
                sync.path("catching_up").asBoolean(), r.path("node_info").path("id").asText());
    }

    public CommitResult broadcastTxCommit(byte[] tx) throws IOException {
        JsonNode r = call("broadcast_tx_commit", JSON.createObjectNode().put("tx", Base64.getEncoder().encodeToString(tx)));
        return new CommitResult(r.path("check_tx").path("code").asInt(), r.path("check_tx").path("log").asText(),
                r.path("deliver_tx").path("code").asInt(), r.path("deliver_tx").path("log").asText(),
                r.path("height").asLong(), r.path("hash").asText());
    }

    public BroadcastResult broadcastTxSync(byte[] tx) throws IOException {
        return broadcast("broadcast_tx_sync", tx);
    }

    public BroadcastResult broadcastTxAsync(byte[] tx) throws IOException {
        return broadcast("broadcast_tx_async", tx);
    }

    private BroadcastResult broadcast(String method, byte[] tx) throws IOException {
        JsonNode r = call(method, JSON.createObjectNode().put("tx", Base64.getEncoder().encodeToString(tx)));
        return new BroadcastResult(r.path("code").asInt(), r.path("log").asText(), r.path("hash").asText());
    }

    /** abci_query; returns the response object (code, log, value in base64, height). */
    public JsonNode abciQuery(String path, byte[] data) throws IOException {
        return call("abci_query", JSON.createObjectNode().put("path", path).put("data", HexFormat.of().formatHex(data)))
                .path("response");
    }

    public JsonNode abciInfo() throws IOException {
        return call("abci_info", JSON.createObjectNode()).path("response");
    }

    public JsonNode block(long height) throws IOException {
        return call("block", JSON.createObjectNode().put("height", String.valueOf(height)));
    }

    public JsonNode numUnconfirmedTxs() throws IOException {
        return call("num_unconfirmed_txs", JSON.createObjectNode());
    }

    /** Calls a method; a JSON-RPC error becomes an IOException carrying Tendermint's message and data. */
    public JsonNode call(String method, JsonNode params) throws IOException {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("jsonrpc", "2.0").put("id", "t").put("method", method)
                .set("params", params));
        HttpRequest request = HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling " + method, e);
        }
        JsonNode json = JSON.readTree(response.body());
        if (json.has("error") && !json.get("error").isNull()) {
            throw new IOException(method + " failed: " + json.get("error"));
        }
        return json.path("result");
    }
}
