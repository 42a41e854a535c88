package net.ledgerd.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small JSON-RPC 2.0 client (HTTP POST) for the endpoints of a Tendermint 0.31.5 node that tests use.
 * Wire facts of 0.31.5 (rpc/core, amino JSON): int64 values such as heights are JSON strings; byte
 * arrays ({@code tx}, ABCI {@code data}/{@code key}/{@code value}) are base64; {@code HexBytes}
 * values (hashes, {@code abci_query} {@code data}) are hex; zero/empty fields are omitted.
 */
public final class TendermintRpc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getDecoder();
    private static final HexFormat HEX = HexFormat.of();

    private final URI endpoint;
    private final HttpClient http;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();

    public TendermintRpc(URI endpoint) {
        this(endpoint, Duration.ofSeconds(60));
    }

    /** {@code endpoint} is the node's RPC address, e.g. http://127.0.0.1:26657; {@code timeout} bounds each call. */
    public TendermintRpc(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A JSON-RPC error answered by the node (for example a CheckTx rejection inside broadcast_tx_commit's timeout). */
    public static final class RpcError extends IOException {
        private final int code;
        private final String rpcMessage;
        private final String data;

        RpcError(String method, int code, String rpcMessage, String data) {
            super(method + " failed: " + code + " " + rpcMessage + (data.isEmpty() ? "" : ": " + data));
            this.code = code;
            this.rpcMessage = rpcMessage;
            this.data = data;
        }

        public int code() {
            return code;
        }

        public String rpcMessage() {
            return rpcMessage;
        }

        public String data() {
            return data;
        }
    }

    /** /status: sync_info and node id. {@code latestAppHash} is upper-case hex as the node prints it ("" before the first block). */
    public record Status(
            long latestBlockHeight,
            String latestBlockHash,
            String latestAppHash,
            boolean catchingUp,
            String nodeId,
            String version) {}

    /** An ABCI CheckTx or DeliverTx result as the RPC reports it; {@code data} decoded from base64. */
    public record TxResult(int code, byte[] data, String log, String info) {
        public boolean isOk() {
            return code == 0;
        }
    }

    /** broadcast_tx_commit: CheckTx and DeliverTx results, the tx hash (hex) and the height it was committed at (0 if CheckTx failed). */
    public record CommitResult(TxResult checkTx, TxResult deliverTx, String hash, long height) {
        public int checkCode() {
            return checkTx.code();
        }

        public String checkLog() {
            return checkTx.log();
        }

        public int deliverCode() {
            return deliverTx.code();
        }

        public String deliverLog() {
            return deliverTx.log();
        }
    }

    /** broadcast_tx_sync (CheckTx result) or broadcast_tx_async (code 0, no CheckTx yet); {@code data} decoded from hex. */
    public record BroadcastResult(int code, byte[] data, String log, String hash) {}

    /** abci_query's response; key and value decoded from base64. */
    public record QueryResult(
            int code, String log, String info, long index, byte[] key, byte[] value, long height, String codespace) {}

    /** abci_info's response (ABCI Info of the app as seen through the node). */
    public record AbciInfo(
            String data, String version, long appVersion, long lastBlockHeight, byte[] lastBlockAppHash) {}

    /** /block: header fields tests look at, and the transactions (raw bytes). */
    public record Block(long height, String hash, String appHash, String time, String chainId, List<byte[]> txs) {}

    public Status status() throws IOException {
        JsonNode r = call("status", JSON.createObjectNode());
        JsonNode sync = r.path("sync_info");
        return new Status(
                sync.path("latest_block_height").asLong(),
                sync.path("latest_block_hash").asText(),
                sync.path("latest_app_hash").asText(),
                sync.path("catching_up").asBoolean(),
                r.path("node_info").path("id").asText(),
                r.path("node_info").path("version").asText());
    }

    public CommitResult broadcastTxCommit(byte[] tx) throws IOException {
        JsonNode r = call("broadcast_tx_commit", txParams(tx));
        return new CommitResult(
                txResult(r.path("check_tx")),
                txResult(r.path("deliver_tx")),
                r.path("hash").asText(),
                r.path("height").asLong());
    }

    public BroadcastResult broadcastTxSync(byte[] tx) throws IOException {
        return broadcast("broadcast_tx_sync", tx);
    }

    public BroadcastResult broadcastTxAsync(byte[] tx) throws IOException {
        return broadcast("broadcast_tx_async", tx);
    }

    /** abci_query with {@code data} given as hex (no 0x), as the RPC's HexBytes parameter takes it. */
    public QueryResult query(String path, String dataHex) throws IOException {
        JsonNode r = abciQuery(path, dataHex);
        return new QueryResult(
                r.path("code").asInt(),
                r.path("log").asText(),
                r.path("info").asText(),
                r.path("index").asLong(),
                base64(r.path("key")),
                base64(r.path("value")),
                r.path("height").asLong(),
                r.path("codespace").asText());
    }

    /** abci_query with raw {@code data} bytes (sent hex-encoded). */
    public QueryResult query(String path, byte[] data) throws IOException {
        return query(path, HEX.formatHex(data));
    }

    /** abci_query, raw: the {@code response} object as the node returns it (key/value base64, height a string). */
    public JsonNode abciQuery(String path, String dataHex) throws IOException {
        return call("abci_query", JSON.createObjectNode().put("path", path).put("data", dataHex))
                .path("response");
    }

    /** abci_query, raw, with {@code data} bytes (sent hex-encoded). */
    public JsonNode abciQuery(String path, byte[] data) throws IOException {
        return abciQuery(path, HEX.formatHex(data));
    }

    public AbciInfo abciInfo() throws IOException {
        JsonNode r = call("abci_info", JSON.createObjectNode()).path("response");
        return new AbciInfo(
                r.path("data").asText(),
                r.path("version").asText(),
                r.path("app_version").asLong(),
                r.path("last_block_height").asLong(),
                base64(r.path("last_block_app_hash")));
    }

    /** /block, raw: {@code block_meta} and {@code block} as the node returns them. */
    public JsonNode block(long height) throws IOException {
        return call("block", JSON.createObjectNode().put("height", String.valueOf(height)));
    }

    /** /block, summarised: height, hash, app hash, time, chain id and the raw transactions. */
    public Block blockAt(long height) throws IOException {
        JsonNode r = block(height);
        JsonNode header = r.path("block").path("header");
        List<byte[]> txs = new ArrayList<>();
        for (JsonNode tx : r.path("block").path("data").path("txs")) {
            txs.add(B64.decode(tx.asText()));
        }
        return new Block(
                header.path("height").asLong(),
                r.path("block_meta").path("block_id").path("hash").asText(),
                header.path("app_hash").asText(),
                header.path("time").asText(),
                header.path("chain_id").asText(),
                txs);
    }

    /** num_unconfirmed_txs, raw: {@code n_txs}, {@code total}, {@code total_bytes}. */
    public JsonNode numUnconfirmedTxs() throws IOException {
        return call("num_unconfirmed_txs", JSON.createObjectNode());
    }

    /** Number of transactions waiting in the mempool. */
    public int unconfirmedTxCount() throws IOException {
        return numUnconfirmedTxs().path("n_txs").asInt();
    }

    /**
     * Calls any method with named parameters and returns {@code result}. Parameters follow amino JSON:
     * int64 as strings, []byte as base64, HexBytes as hex. A JSON-RPC error becomes an {@link RpcError}.
     */
    public JsonNode call(String method, JsonNode params) throws IOException {
        ObjectNode request = JSON.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", "testkit-" + ids.incrementAndGet())
                .put("method", method);
        request.set("params", params);
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling " + method + " at " + endpoint, e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(
                    method + " at " + endpoint + ": HTTP " + response.statusCode() + ", not JSON: "
                            + abbreviate(response.body()),
                    e);
        }
        JsonNode error = json.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            throw new RpcError(
                    method,
                    error.path("code").asInt(),
                    error.path("message").asText(),
                    error.path("data").asText());
        }
        if (response.statusCode() != 200) {
            throw new IOException(method + " at " + endpoint + ": HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return json.path("result");
    }

    private BroadcastResult broadcast(String method, byte[] tx) throws IOException {
        JsonNode r = call(method, txParams(tx));
        String data = r.path("data").asText();
        return new BroadcastResult(
                r.path("code").asInt(),
                data.isEmpty() ? new byte[0] : HEX.parseHex(data),
                r.path("log").asText(),
                r.path("hash").asText());
    }

    private static ObjectNode txParams(byte[] tx) {
        return JSON.createObjectNode().put("tx", Base64.getEncoder().encodeToString(tx));
    }

    private static TxResult txResult(JsonNode r) {
        return new TxResult(
                r.path("code").asInt(),
                base64(r.path("data")),
                r.path("log").asText(),
                r.path("info").asText());
    }

    private static byte[] base64(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? new byte[0] : B64.decode(node.asText());
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
