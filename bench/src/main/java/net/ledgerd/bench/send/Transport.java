package net.ledgerd.bench.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import net.ledgerd.bench.workload.BenchTx;

/**
 * How a transaction reaches a member: Tendermint's RPC ({@code broadcast_tx_async}, which answers once the mempool
 * took it, or {@code broadcast_tx_sync}, after CheckTx) or the BigchainDB HTTP API ({@code POST
 * /api/v1/transactions?mode=sync}, as BigchainDB's own benchmark sent). Each sender thread keeps one HTTP/1.1
 * connection per member; every request has a timeout.
 */
public abstract class Transport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer to one send: accepted, or refused with the member's reason. */
    public record Outcome(boolean accepted, boolean retryable, String reason) {
        static final Outcome ACCEPTED = new Outcome(true, false, null);

        /** The member already has it: an earlier send that timed out or broke did arrive. */
        boolean alreadyThere() {
            return reason != null && reason.startsWith(IN_CACHE);
        }
    }

    static final String IN_CACHE = "already in the member's cache";

    public enum Via {
        RPC_ASYNC("rpc-async"),
        RPC_SYNC("rpc-sync"),
        API_SYNC("api-sync");

        public final String label;

        Via(String label) {
            this.label = label;
        }

        public static Via parse(String value) {
            for (Via v : values()) {
                if (v.label.equals(value)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("--via must be rpc-async, rpc-sync or api-sync, got '" + value + "'");
        }

        /** What a network without the HTTP API (the noop ceiling) is sent through for the same load. */
        public Via withoutApi() {
            return this == API_SYNC ? RPC_SYNC : this;
        }
    }

    protected final List<URI> members;
    protected final Duration timeout;
    private final ThreadLocal<HttpConnection[]> connections;

    protected Transport(List<URI> members, Duration timeout) {
        this.members = List.copyOf(members);
        this.timeout = timeout;
        this.connections = ThreadLocal.withInitial(() -> new HttpConnection[this.members.size()]);
    }

    public static Transport of(Via via, List<URI> members, Duration timeout) {
        return switch (via) {
            case RPC_ASYNC -> new Rpc(members, timeout, "broadcast_tx_async");
            case RPC_SYNC -> new Rpc(members, timeout, "broadcast_tx_sync");
            case API_SYNC -> new Api(members, timeout);
        };
    }

    public int memberCount() {
        return members.size();
    }

    public abstract String describe();

    /**
     * Sends on this thread's connection to the member and waits for the answer; a timeout or a broken connection
     * is a retryable refusal.
     */
    public final Outcome send(BenchTx tx, int member) {
        HttpConnection[] mine = connections.get();
        if (mine[member] == null) {
            mine[member] = new HttpConnection(members.get(member), timeout);
        }
        try {
            HttpConnection.Response response = mine[member].post(path(), body(tx));
            return outcome(response.status(), response.text());
        } catch (IOException | RuntimeException e) {
            mine[member].close();
            return new Outcome(false, true, "no answer from " + members.get(member) + ": " + e);
        }
    }

    protected abstract String path();

    protected abstract byte[] body(BenchTx tx);

    protected abstract Outcome outcome(int status, String body);

    static final class Rpc extends Transport {
        private final String method;

        Rpc(List<URI> members, Duration timeout, String method) {
            super(members, timeout);
            this.method = method;
        }

        @Override
        public String describe() {
            return "Tendermint RPC " + method;
        }

        @Override
        protected String path() {
            return "/";
        }

        @Override
        protected byte[] body(BenchTx tx) {
            return ("{\"jsonrpc\":\"2.0\",\"id\":" + tx.index() + ",\"method\":\"" + method + "\",\"params\":{\"tx\":\""
                            + tx.base64() + "\"}}")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        protected Outcome outcome(int status, String body) {
            JsonNode answer;
            try {
                answer = JSON.readTree(body);
            } catch (IOException e) {
                return new Outcome(false, true, "HTTP " + status + ", not JSON-RPC: " + shorten(body));
            }
            JsonNode error = answer.path("error");
            if (!error.isMissingNode() && !error.isNull()) {
                // Tendermint refuses with an error while the mempool is full; that send is worth repeating later.
                String text = error.toString();
                if (text.contains("Tx already exists in cache")) {
                    return new Outcome(false, false, IN_CACHE + ": " + shorten(text));
                }
                boolean full = text.toLowerCase(Locale.ROOT).contains("mempool is full");
                return new Outcome(false, full, shorten(text));
            }
            if (answer.path("result").path("code").asInt(0) != 0) {
                return new Outcome(false, false, shorten(answer.path("result").toString()));
            }
            return Outcome.ACCEPTED;
        }
    }

    static final class Api extends Transport {
        Api(List<URI> members, Duration timeout) {
            super(members, timeout);
        }

        @Override
        public String describe() {
            return "HTTP API POST /api/v1/transactions?mode=sync";
        }

        @Override
        protected String path() {
            return "/api/v1/transactions?mode=sync";
        }

        @Override
        protected byte[] body(BenchTx tx) {
            return tx.json();
        }

        @Override
        protected Outcome outcome(int status, String body) {
            if (status == 202) {
                return Outcome.ACCEPTED;
            }
            // BigchainDB's API answers 500 both for a refused CheckTx and for Tendermint's "mempool is full".
            if (body.contains("Tx already exists in cache")) {
                return new Outcome(false, false, IN_CACHE + ": " + shorten(body));
            }
            String lower = body.toLowerCase(Locale.ROOT);
            boolean retryable = status == 503 || lower.contains("mempool is full") || lower.contains("did not answer");
            return new Outcome(false, retryable, "HTTP " + status + " " + shorten(body));
        }
    }

    static String shorten(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
