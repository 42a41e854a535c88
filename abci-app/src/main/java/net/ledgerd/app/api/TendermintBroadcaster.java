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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a validated transaction to this node's Tendermint and answers as BigchainDB 2.2.2's
 * lib.write_transaction maps the outcome: 202 when accepted; 500 "Transaction validation failed" when
 * CheckTx (or, with mode=commit, DeliverTx) refused it; Tendermint's own error as 500, or 400 when the
 * transaction is already in its cache.
 *
 * <p>Every mode hands the transaction over with broadcast_tx_async, which returns once Tendermint has
 * queued it for CheckTx (or refused it: cache, full mempool, size). For mode=sync and mode=commit the
 * answer then comes from the app's own verdicts ({@link SubmissionOutcomes}), each wait bounded:
 * Tendermint 0.31.5's broadcast_tx_sync/commit can fail to answer at all (PR #8331), and an operator may run an
 * unpatched Tendermint.
 */
final class TendermintBroadcaster {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Queueing for CheckTx waits for Tendermint's mempool lock, which it holds through a whole Commit. */
    private static final Duration HAND_OVER_TIMEOUT = Duration.ofSeconds(15);

    enum Mode {
        ASYNC,
        SYNC,
        COMMIT;

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
    private final SubmissionOutcomes outcomes;
    private final Duration checkTimeout;
    private final Duration commitTimeout;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * {@code checkTimeout} bounds the wait for the app's CheckTx verdict once Tendermint has queued the
     * transaction; {@code commitTimeout} the wait for its commit after that (Tendermint's own
     * timeout_broadcast_tx_commit plays this part in BigchainDB).
     */
    TendermintBroadcaster(URI rpc, SubmissionOutcomes outcomes, Duration checkTimeout, Duration commitTimeout) {
        this.rpc = rpc;
        this.outcomes = outcomes;
        this.checkTimeout = checkTimeout;
        this.commitTimeout = commitTimeout;
    }

    /** Returns normally when the transaction was accepted as {@code mode} asks; throws the ApiError to answer otherwise. */
    void broadcast(byte[] tx, String id, Mode mode) {
        if (mode == Mode.ASYNC) {
            handOver(tx, mode);
            return;
        }
        try (SubmissionOutcomes.Pending pending = outcomes.expect(tx, id)) {
            handOver(tx, mode);
            SubmissionOutcomes.Verdict checked = await(pending.checked, checkTimeout)
                    .orElseThrow(() -> ApiError.of(
                            503,
                            "Tendermint at " + rpc + " queued the transaction but the app did not check it within "
                                    + checkTimeout.toMillis() + " ms; it may still be checked and committed"));
            if (checked.code() != 0) {
                throw ApiError.of(500, "Transaction validation failed");
            }
            if (mode == Mode.SYNC) {
                return;
            }
            // What Tendermint's broadcast_tx_commit answers when its timeout_broadcast_tx_commit passes.
            SubmissionOutcomes.Verdict settled = await(pending.settled, commitTimeout)
                    .orElseThrow(() ->
                            ApiError.of(500, "Internal error - Timed out waiting for tx to be included in a block"));
            if (settled.code() != 0) {
                throw ApiError.of(500, "Transaction validation failed");
            }
        }
    }

    /** broadcast_tx_async; Tendermint's error mapped as BigchainDB maps it for {@code mode}. */
    private void handOver(byte[] tx, Mode mode) {
        ObjectNode request = JSON.createObjectNode()
                .put("method", "broadcast_tx_async")
                .put("jsonrpc", "2.0")
                .put("id", UUID.randomUUID().toString());
        request.putArray("params").add(Base64.getEncoder().encodeToString(tx));
        JsonNode response;
        try {
            HttpResponse<byte[]> http = this.http.send(
                    HttpRequest.newBuilder(rpc)
                            .timeout(HAND_OVER_TIMEOUT)
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
            // broadcast_tx_commit words the same mempool errors this way.
            if (mode == Mode.COMMIT) {
                data = "Error on broadcastTxCommit: " + data;
            }
            int status = data.contains("Tx already exists in cache") ? 400 : 500;
            throw ApiError.of(status, message + " - " + data);
        }
    }

    /** The verdict, or empty when none came within {@code timeout}. */
    private static Optional<SubmissionOutcomes.Verdict> await(
            CompletableFuture<SubmissionOutcomes.Verdict> verdict, Duration timeout) {
        try {
            return Optional.of(verdict.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.of(503, "interrupted while waiting for the app's verdict");
        } catch (ExecutionException e) {
            throw new IllegalStateException("verdicts are only ever completed normally", e);
        }
    }
}
