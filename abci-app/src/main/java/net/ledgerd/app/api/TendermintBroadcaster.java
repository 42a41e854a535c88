package net.ledgerd.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Sends a validated transaction to this node's Tendermint (broadcast_tx_async|sync|commit) and maps
 * the outcome as BigchainDB's lib.write_transaction does: 202 when accepted; 500 "Transaction
 * validation failed" when CheckTx or DeliverTx refused it; Tendermint's own error as 500, or 400 when
 * the transaction is already in its cache.
 */
final class TendermintBroadcaster {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Mode {
        ASYNC("broadcast_tx_async"),
        SYNC("broadcast_tx_sync"),
        COMMIT("broadcast_tx_commit");

        final String method;

        Mode(String method) {
            this.method = method;
        }

        static Mode parse(String value) {
            if (value == null) {
                return ASYNC;
            }
            return switch (value) {
                case "async" -> ASYNC;
                case "sync" -> SYNC;
                case "commit" -> COMMIT;
                default -> throw ApiError.badParameter("mode", "Mode must be \"async\", \"sync\" or \"commit\"");
            };
        }
    }

    private final URI rpc;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TendermintBroadcaster(URI rpc) {
        this.rpc = rpc;
    }

    /** Returns normally when Tendermint accepted the transaction; throws the ApiError to answer otherwise. */
    void broadcast(byte[] tx, Mode mode) {
        ObjectNode request = JSON.createObjectNode()
                .put("method", mode.method)
                .put("jsonrpc", "2.0")
                .put("id", UUID.randomUUID().toString());
        request.putArray("params").add(Base64.getEncoder().encodeToString(tx));
        JsonNode response;
        try {
            HttpResponse<byte[]> http = this.http.send(
                    HttpRequest.newBuilder(rpc)
                            .timeout(Duration.ofSeconds(mode == Mode.COMMIT ? 70 : 15))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            response = JSON.readTree(http.body());
        } catch (IOException e) {
            throw ApiError.of(503, "Tendermint at " + rpc + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.of(503, "interrupted while broadcasting");
        }
        JsonNode error = response.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String message = error.path("message").asText("Internal Error");
            String data = error.path("data").asText("");
            int status = data.contains("Tx already exists in cache") ? 400 : 500;
            throw ApiError.of(status, message + " - " + data);
        }
        JsonNode result = response.path("result");
        int code = mode == Mode.COMMIT
                ? (result.path("check_tx").path("code").asInt(0) != 0
                        ? result.path("check_tx").path("code").asInt()
                        : result.path("deliver_tx").path("code").asInt(0))
                : result.path("code").asInt(0);
        if (code != 0) {
            throw ApiError.of(500, "Transaction validation failed");
        }
    }
}
