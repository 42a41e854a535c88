package net.ledgerd.ingestor.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingestor's only way to the ledger: the members' Tendermint RPC (broadcast, height, blocks, their results and
 * the transaction index) and their app's HTTP API (committed transactions). Every call to the RPC is bounded by {@code
 * rpcTimeout} (Tendermint 0.31.5's broadcast_tx_sync can never answer: a race in its ABCI socket client loses the
 * CheckTx callback; a stopped member accepts connections and answers nothing), every call to the API by {@code
 * callTimeout} (an asset's history may be a scan). A call that fails or times out moves on to the next member,
 * after a backoff that doubles up to 2 s, until its deadline; the member that answered last is asked first next
 * time, so reads keep coming from one member and do not go back in time.
 */
public final class LedgerClient {
    private static final Logger log = LoggerFactory.getLogger(LedgerClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final List<URI> rpc;
    private final List<URI> api;
    private final Duration rpcTimeout;
    private final Duration callTimeout;
    private final HttpClient http;
    private final AtomicInteger preferredRpc = new AtomicInteger();
    private final AtomicInteger preferredApi = new AtomicInteger();

    public LedgerClient(List<URI> rpc, List<URI> api, Duration rpcTimeout, Duration callTimeout) {
        if (rpc.isEmpty() || api.isEmpty()) {
            throw new IllegalArgumentException("at least one RPC and one API endpoint are needed");
        }
        this.rpc = List.copyOf(rpc);
        this.api = List.copyOf(api);
        this.rpcTimeout = rpcTimeout;
        this.callTimeout = callTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(rpcTimeout.compareTo(callTimeout) < 0 ? rpcTimeout : callTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private interface Call<T> {
        T call(URI endpoint) throws IOException, InterruptedException, RetryableAnswerException;
    }

    /** An answer that says to ask another member (a server error, or a JSON-RPC error we do not understand). */
    private static final class RetryableAnswerException extends Exception {
        RetryableAnswerException(String message) {
            super(message);
        }
    }

    private <T> T withFailover(
            String what, List<URI> endpoints, Duration timeout, AtomicInteger preferred, Instant deadline, Call<T> c)
            throws LedgerUnavailableException, InterruptedException {
        Duration backoff = Duration.ofMillis(100);
        List<String> errors = new ArrayList<>();
        int start = preferred.get();
        for (int attempt = 0; ; attempt++) {
            int i = (start + attempt) % endpoints.size();
            URI endpoint = endpoints.get(i);
            try {
                T answer = c.call(endpoint);
                preferred.set(i);
                return answer;
            } catch (HttpTimeoutException e) {
                errors.add(endpoint + ": no answer within " + timeout.toMillis() + " ms");
            } catch (IOException | RetryableAnswerException e) {
                errors.add(endpoint + ": " + e.getMessage());
            }
            if (errors.size() > 8) {
                errors.remove(0);
            }
            if ((attempt + 1) % endpoints.size() == 0) {
                if (Instant.now().plus(backoff).isAfter(deadline)) {
                    throw new LedgerUnavailableException(
                            what + " failed on every member until its deadline: " + String.join("; ", errors));
                }
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } else if (Instant.now().isAfter(deadline)) {
                throw new LedgerUnavailableException(
                        what + " failed on every member until its deadline: " + String.join("; ", errors));
            }
            if (attempt == 0) {
                log.debug("{} failed on {}, trying the next member", what, endpoint);
            }
        }
    }

    /** A call to the members' Tendermint RPC, each try bounded by the RPC timeout. */
    private <T> T onRpc(String what, AtomicInteger preferred, Instant deadline, Call<T> c)
            throws LedgerUnavailableException, InterruptedException {
        return withFailover(what, rpc, rpcTimeout, preferred, deadline, c);
    }

    /** A call to the members' app API, each try bounded by the call timeout (unless it says otherwise). */
    private <T> T onApi(String what, Instant deadline, Call<T> c)
            throws LedgerUnavailableException, InterruptedException {
        return withFailover(what, api, callTimeout, preferredApi, deadline, c);
    }

    /**
     * broadcast_tx_sync, first to member {@code member} (modulo their number), then to the next ones that answer;
     * the result names the member that answered. The caller sends a pipelined TRANSFER, which spends an output still
     * in the mempool, to the member that accepted its parent: that member's mempool holds the parent (the others'
     * only once its gossip reached them).
     */
    public BroadcastResult broadcast(byte[] tx, int member, Instant deadline)
            throws LedgerUnavailableException, InterruptedException {
        ObjectNode body = JSON.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", "ingestor")
                .put("method", "broadcast_tx_sync");
        body.putObject("params").put("tx", Base64.getEncoder().encodeToString(tx));
        byte[] request = body.toString().getBytes(StandardCharsets.UTF_8);
        AtomicInteger start = new AtomicInteger(Math.floorMod(member, rpc.size()));
        return onRpc("broadcast_tx_sync", start, deadline, endpoint -> {
            HttpResponse<byte[]> r = http.send(
                    HttpRequest.newBuilder(endpoint.resolve("/"))
                            .timeout(rpcTimeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = JSON.readTree(r.body());
            JsonNode error = answer.path("error");
            if (!error.isMissingNode() && !error.isNull()) {
                String data = error.path("data").asText("") + " "
                        + error.path("message").asText("");
                // The mempool cache already holds these bytes: accepted before, by this member.
                if (data.contains("already exists in cache")) {
                    return new BroadcastResult(true, 0, data.trim(), true, rpc.indexOf(endpoint));
                }
                throw new RetryableAnswerException("JSON-RPC error " + error);
            }
            JsonNode result = answer.path("result");
            if (!result.has("code")) {
                throw new RetryableAnswerException("HTTP " + r.statusCode() + " without a result");
            }
            int code = result.path("code").asInt();
            return new BroadcastResult(code == 0, code, result.path("log").asText(""), false, rpc.indexOf(endpoint));
        });
    }

    /** Tendermint's hash of a transaction (SHA-256 of its bytes), in hex as {@code /tx} takes it. */
    public static String txHash(byte[] tx) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tx));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The DeliverTx result code of a transaction included in a block (Tendermint's /tx, kv indexer, by {@link
     * #txHash}), or empty when no block holds it (yet). Tendermint lists transactions that DeliverTx refused too; a
     * non-zero code means the transaction is in a block but not on the ledger.
     */
    public Optional<Integer> deliverCode(String hash, Instant deadline)
            throws LedgerUnavailableException, InterruptedException {
        return onRpc("tx " + hash, preferredRpc, deadline, endpoint -> {
            HttpResponse<byte[]> r = rpcGet(endpoint, "/tx?hash=0x" + hash);
            JsonNode answer = JSON.readTree(r.body());
            JsonNode result = answer.path("result");
            if (result.has("tx_result")) {
                return Optional.of(result.path("tx_result").path("code").asInt(0));
            }
            if (answer.path("error").toString().contains("not found")) {
                return Optional.empty();
            }
            throw new RetryableAnswerException("HTTP " + r.statusCode() + ": " + answer.path("error"));
        });
    }

    /** The {@link #txHash}es of the transactions in the block at {@code height}, in block order (Tendermint /block). */
    public List<String> blockTransactionHashes(long height, Instant deadline)
            throws LedgerUnavailableException, InterruptedException {
        return onRpc("block " + height, preferredRpc, deadline, endpoint -> {
            JsonNode result = rpcResult(rpcGet(endpoint, "/block?height=" + height));
            List<String> hashes = new ArrayList<>();
            // amino JSON: null, not [], for a block without transactions
            for (JsonNode tx : result.path("block").path("data").path("txs")) {
                hashes.add(txHash(Base64.getDecoder().decode(tx.asText())));
            }
            return hashes;
        });
    }

    /**
     * The DeliverTx result codes of the block at {@code height}, in block order (Tendermint /block_results). The
     * member stores them before the app's Commit: only a block known to be committed (see {@link #deliverCode}) may
     * be judged by them.
     */
    public List<Integer> deliverCodes(long height, Instant deadline)
            throws LedgerUnavailableException, InterruptedException {
        return onRpc("block_results " + height, preferredRpc, deadline, endpoint -> {
            JsonNode result = rpcResult(rpcGet(endpoint, "/block_results?height=" + height));
            List<Integer> codes = new ArrayList<>();
            // amino JSON leaves out a code of 0
            for (JsonNode r : result.path("results").path("DeliverTx")) {
                codes.add(r.path("code").asInt(0));
            }
            return codes;
        });
    }

    /** The result of a JSON-RPC answer; an error (e.g. a height this member does not have yet) asks another one. */
    private static JsonNode rpcResult(HttpResponse<byte[]> r) throws IOException, RetryableAnswerException {
        JsonNode answer = JSON.readTree(r.body());
        JsonNode result = answer.path("result");
        if (r.statusCode() != 200 || !result.isObject()) {
            throw new RetryableAnswerException("HTTP " + r.statusCode() + ": " + answer.path("error"));
        }
        return result;
    }

    /** The latest committed height (Tendermint /status). */
    public long height(Instant deadline) throws LedgerUnavailableException, InterruptedException {
        return onRpc("status", preferredRpc, deadline, endpoint -> {
            HttpResponse<byte[]> r = rpcGet(endpoint, "/status");
            if (r.statusCode() != 200) {
                throw new RetryableAnswerException("HTTP " + r.statusCode());
            }
            return JSON.readTree(r.body())
                    .path("result")
                    .path("sync_info")
                    .path("latest_block_height")
                    .asLong();
        });
    }

    /** The committed transaction with this id, as the app's HTTP API serves it, or empty if it is not committed. */
    public Optional<JsonNode> committedTransaction(String id, Instant deadline)
            throws LedgerUnavailableException, InterruptedException {
        return onApi("GET /api/v1/transactions/" + id, deadline, endpoint -> {
            HttpResponse<byte[]> r = get(endpoint, "/api/v1/transactions/" + id, callTimeout);
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw new RetryableAnswerException("HTTP " + r.statusCode());
            }
            return Optional.of(JSON.readTree(r.body()));
        });
    }

    /**
     * The last committed transaction of an asset ({@code GET /api/v1/transactions?asset_id=&last_tx=true}), or empty
     * when its CREATE is not committed.
     */
    public Optional<JsonNode> lastTransactionOfAsset(String assetId, Instant deadline)
            throws LedgerUnavailableException, InterruptedException {
        JsonNode list = history("last transaction of asset " + assetId, assetId + "&last_tx=true", deadline);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    /** Every committed transaction of an asset ({@code GET /api/v1/transactions?asset_id=}), in the API's order. */
    public List<JsonNode> assetHistory(String assetId, Instant deadline)
            throws LedgerUnavailableException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        history("history of asset " + assetId, assetId, deadline).forEach(out::add);
        return out;
    }

    private JsonNode history(String what, String query, Instant deadline)
            throws LedgerUnavailableException, InterruptedException {
        return onApi(what, deadline, endpoint -> {
            // One patient call rather than several short ones: a history is a scan where asset.id has no index, and a
            // timed-out scan goes on in the server while the next member is asked to do the same.
            Duration left = Duration.between(Instant.now(), deadline);
            HttpResponse<byte[]> r = get(
                    endpoint,
                    "/api/v1/transactions?asset_id=" + query,
                    left.compareTo(callTimeout) > 0 ? left : callTimeout);
            if (r.statusCode() != 200) {
                throw new RetryableAnswerException("HTTP " + r.statusCode());
            }
            JsonNode list = JSON.readTree(r.body());
            if (!list.isArray()) {
                throw new RetryableAnswerException("the history is not a JSON array");
            }
            return list;
        });
    }

    private HttpResponse<byte[]> rpcGet(URI endpoint, String path) throws IOException, InterruptedException {
        return get(endpoint, path, rpcTimeout);
    }

    private HttpResponse<byte[]> get(URI endpoint, String path, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(endpoint.resolve(path))
                        .timeout(timeout)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
