package net.ledgerd.network.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.ledgerd.network.OperatorError;

/**
 * Tendermint 0.31.5's config.toml: every key its template (config/toml.go) writes, with the defaults of
 * config/config.go, in the same sections and order. Values are typed; {@link #render()} writes the whole file, so a
 * member's config.toml never depends on a file Tendermint wrote earlier. Keys are named as Tendermint's flags name
 * them: {@code moniker} for the top level, {@code p2p.laddr} inside a section.
 */
public final class TendermintConfig {
    public enum Kind {
        STRING,
        BOOL,
        INT,
        DURATION,
        STRING_LIST
    }

    public record Key(String section, String name, Kind kind, Object defaultValue, String comment) {
        public String fullName() {
            return section.isEmpty() ? name : section + "." + name;
        }
    }

    private static final Pattern GO_DURATION = Pattern.compile("0|(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+");
    private static final List<Key> KEYS = new ArrayList<>();
    private static final Map<String, String> SECTION_COMMENTS = new LinkedHashMap<>();

    static {
        section("", "Base settings");
        str(
                "",
                "proxy_app",
                "tcp://127.0.0.1:26658",
                "Where the ABCI application listens (tcp://HOST:PORT or unix://PATH),\n"
                        + "or the name of an application built into Tendermint (kvstore, persistent_kvstore, counter, counter_serial, noop)");
        str("", "moniker", "", "This node's name, shown to peers (printable ASCII)");
        bool("", "fast_sync", true, "Catch up by downloading blocks in parallel when far behind the network");
        str("", "db_backend", "leveldb", "Block and state store: leveldb | memdb | cleveldb");
        str("", "db_dir", "data", "Store directory, relative to the home");
        str(
                "",
                "log_level",
                "main:info,state:info,*:error",
                "Log levels: LEVEL or MODULE:LEVEL,... with LEVEL one of debug, info, error, none");
        str("", "log_format", "plain", "Log format: plain | json");
        str("", "genesis_file", "config/genesis.json", "Genesis file, relative to the home");
        str(
                "",
                "priv_validator_key_file",
                "config/priv_validator_key.json",
                "Validator private key, relative to the home");
        str(
                "",
                "priv_validator_state_file",
                "data/priv_validator_state.json",
                "Validator's last signed height/round/step, relative to the home");
        str(
                "",
                "priv_validator_laddr",
                "",
                "Listen address for an external signer (empty: sign with priv_validator_key_file)");
        str("", "node_key_file", "config/node_key.json", "p2p identity key, relative to the home");
        str("", "abci", "socket", "How to reach the ABCI application: socket | grpc");
        str("", "prof_laddr", "", "Listen address of the Go profiling server (empty: off)");
        bool("", "filter_peers", false, "Ask the ABCI application whether to keep each new peer");

        section("rpc", "RPC server");
        str("rpc", "laddr", "tcp://0.0.0.0:26657", "Listen address of the RPC server (HTTP and WebSocket)");
        list(
                "rpc",
                "cors_allowed_origins",
                List.of(),
                "Origins allowed cross-domain requests; [] disables CORS, [\"*\"] allows any");
        list("rpc", "cors_allowed_methods", List.of("HEAD", "GET", "POST"), "Methods allowed in cross-domain requests");
        list(
                "rpc",
                "cors_allowed_headers",
                List.of("Origin", "Accept", "Content-Type", "X-Requested-With", "X-Server-Time"),
                "Non-simple headers allowed in cross-domain requests");
        str("rpc", "grpc_laddr", "", "Listen address of the gRPC broadcast_tx_commit server (empty: off)");
        integer("rpc", "grpc_max_open_connections", 900, "Most simultaneous gRPC connections (0: no limit)");
        bool("rpc", "unsafe", false, "Serve unsafe commands such as /dial_seeds and /unsafe_flush_mempool");
        integer("rpc", "max_open_connections", 900, "Most simultaneous HTTP and WebSocket connections (0: no limit)");
        integer(
                "rpc",
                "max_subscription_clients",
                100,
                "Most clients that may /subscribe (each broadcast_tx_commit is one)");
        integer("rpc", "max_subscriptions_per_client", 5, "Most queries one client may /subscribe to");
        duration("rpc", "timeout_broadcast_tx_commit", "10s", "How long broadcast_tx_commit waits for the commit");
        str("rpc", "tls_cert_file", "", "TLS certificate for HTTPS (with tls_key_file; empty: plain HTTP)");
        str("rpc", "tls_key_file", "", "TLS private key for HTTPS");

        section("p2p", "Peer-to-peer connections");
        str("p2p", "laddr", "tcp://0.0.0.0:26656", "Listen address for peers");
        str("p2p", "external_address", "", "Address advertised to peers (empty: the listen address)");
        str("p2p", "seeds", "", "Seed nodes, id@host:port,...");
        str("p2p", "persistent_peers", "", "Peers to stay connected to and redial, id@host:port,...");
        bool("p2p", "upnp", false, "UPnP port forwarding");
        str("p2p", "addr_book_file", "config/addrbook.json", "Address book, relative to the home");
        bool(
                "p2p",
                "addr_book_strict",
                true,
                "Keep only publicly routable addresses; false for private or local networks");
        integer("p2p", "max_num_inbound_peers", 40, "Most inbound peers");
        integer("p2p", "max_num_outbound_peers", 10, "Most outbound peers besides persistent ones");
        duration("p2p", "flush_throttle_timeout", "100ms", "Wait before flushing messages to a connection");
        integer("p2p", "max_packet_msg_payload_size", 1024, "Largest packet payload, bytes");
        integer("p2p", "send_rate", 5120000, "Send rate limit per connection, bytes/second");
        integer("p2p", "recv_rate", 5120000, "Receive rate limit per connection, bytes/second");
        bool("p2p", "pex", true, "Peer exchange");
        bool("p2p", "seed_mode", false, "Seed mode: crawl the network and hand out addresses (needs pex)");
        str("p2p", "private_peer_ids", "", "Peer ids never gossiped to others, comma-separated");
        bool("p2p", "allow_duplicate_ip", false, "Accept several peers from one IP address");
        duration("p2p", "handshake_timeout", "20s", "Peer handshake timeout");
        duration("p2p", "dial_timeout", "3s", "Peer dial timeout");

        section("mempool", "Mempool");
        bool("mempool", "recheck", true, "Re-run CheckTx on the remaining mempool after each block");
        bool("mempool", "broadcast", true, "Gossip mempool transactions to peers");
        str("mempool", "wal_dir", "", "Mempool write-ahead log directory (empty: none)");
        integer("mempool", "size", 5000, "Most transactions in the mempool");
        integer("mempool", "max_txs_bytes", 1073741824, "Most bytes of transactions in the mempool");
        integer("mempool", "cache_size", 10000, "Transactions remembered to filter repeats");

        section("consensus", "Consensus");
        str("consensus", "wal_file", "data/cs.wal/wal", "Consensus write-ahead log, relative to the home");
        duration("consensus", "timeout_propose", "3s", "Wait for a proposal");
        duration("consensus", "timeout_propose_delta", "500ms", "Added to timeout_propose each round");
        duration("consensus", "timeout_prevote", "1s", "Wait after +2/3 prevotes for anything");
        duration("consensus", "timeout_prevote_delta", "500ms", "Added to timeout_prevote each round");
        duration("consensus", "timeout_precommit", "1s", "Wait after +2/3 precommits for anything");
        duration("consensus", "timeout_precommit_delta", "500ms", "Added to timeout_precommit each round");
        duration("consensus", "timeout_commit", "1s", "Wait after a commit before starting the next height");
        bool(
                "consensus",
                "skip_timeout_commit",
                false,
                "Go on as soon as all precommits are in (as if timeout_commit were 0)");
        bool(
                "consensus",
                "create_empty_blocks",
                true,
                "Make blocks without transactions; false: only when there are transactions or the app hash changed");
        duration("consensus", "create_empty_blocks_interval", "0s", "With empty blocks on, the interval between them");
        duration("consensus", "peer_gossip_sleep_duration", "100ms", "Reactor sleep between gossip rounds");
        duration("consensus", "peer_query_maj23_sleep_duration", "2s", "Reactor sleep between +2/3 queries");

        section("tx_index", "Transaction index");
        str("tx_index", "indexer", "kv", "Indexer: null | kv");
        str("tx_index", "index_tags", "", "Tags to index, comma-separated (tx.hash is always indexed)");
        bool("tx_index", "index_all_tags", false, "Index every tag from DeliverTx (index_tags takes precedence)");

        section("instrumentation", "Instrumentation");
        bool("instrumentation", "prometheus", false, "Serve Prometheus metrics under /metrics");
        str("instrumentation", "prometheus_listen_addr", ":26660", "Listen address of the metrics server");
        integer("instrumentation", "max_open_connections", 3, "Most simultaneous metrics connections (0: no limit)");
        str("instrumentation", "namespace", "tendermint", "Metrics namespace");
    }

    private final Map<String, Object> values = new LinkedHashMap<>();

    private TendermintConfig() {
        for (Key k : KEYS) {
            values.put(k.fullName(), k.defaultValue());
        }
    }

    /** Tendermint 0.31.5's defaults (config.DefaultConfig), with an empty moniker. */
    public static TendermintConfig defaults() {
        return new TendermintConfig();
    }

    /**
     * A config.toml's text: Tendermint's defaults with every key the text sets. A key Tendermint 0.31.5 does not read, or
     * a value of the wrong type, is refused with the key named.
     *
     * @param source names the text in errors (a file name)
     */
    public static TendermintConfig parse(String text, String source) {
        TendermintConfig config = defaults();
        for (Map.Entry<String, Object> e : Toml.read(text, source).entrySet()) {
            Key k;
            try {
                k = key(e.getKey());
            } catch (OperatorError unknown) {
                throw new OperatorError(source + ": " + unknown.getMessage(), unknown);
            }
            try {
                config.set(k.fullName(), e.getValue());
            } catch (IllegalArgumentException | OperatorError wrong) {
                throw new OperatorError(source + ": " + wrong.getMessage(), wrong);
            }
        }
        return config;
    }

    /** A config.toml file, as {@link #parse}. */
    public static TendermintConfig read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new OperatorError(file + " does not exist", e);
        } catch (IOException e) {
            throw new OperatorError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Key> keys() {
        return Collections.unmodifiableList(KEYS);
    }

    public static Key key(String fullName) {
        for (Key k : KEYS) {
            if (k.fullName().equals(fullName)) {
                return k;
            }
        }
        throw new OperatorError(
                "'" + fullName
                        + "' is not a Tendermint 0.31.5 config.toml key (write section keys as section.key, e.g. consensus.timeout_commit)");
    }

    public Object get(String fullName) {
        return values.get(key(fullName).fullName());
    }

    /** Sets a key to a typed value: String (STRING, DURATION), Boolean, Long or Integer (INT), List&lt;String&gt;. */
    public TendermintConfig set(String fullName, Object value) {
        Key k = key(fullName);
        Object checked = switch (k.kind()) {
            case STRING -> requireType(k, value, String.class);
            case DURATION -> duration(k, requireType(k, value, String.class));
            case BOOL -> requireType(k, value, Boolean.class);
            case INT -> value instanceof Integer i ? Long.valueOf(i) : requireType(k, value, Long.class);
            case STRING_LIST -> {
                List<?> list = requireType(k, value, List.class);
                List<String> out = new ArrayList<>();
                for (Object o : list) {
                    out.add(requireType(k, o, String.class));
                }
                yield List.copyOf(out);
            }
        };
        values.put(fullName, checked);
        return this;
    }

    /** Sets a key from text as an operator types it: true/false, a number, 500ms, or a,b,c for lists. */
    public TendermintConfig setText(String fullName, String text) {
        Key k = key(fullName);
        Object value = switch (k.kind()) {
            case STRING, DURATION -> text;
            case BOOL -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new OperatorError(fullName + " must be true or false, got '" + text + "'");
                }
                yield Boolean.valueOf(text);
            }
            case INT -> {
                try {
                    yield Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    throw new OperatorError(fullName + " must be an integer, got '" + text + "'");
                }
            }
            case STRING_LIST ->
                text.isBlank()
                        ? List.of()
                        : java.util.Arrays.stream(text.split(","))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toList();
        };
        return set(fullName, value);
    }

    /** The whole config.toml. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Tendermint 0.31.5 configuration, written by `ledgerd-network member configure`.\n");
        out.append(
                "# Every key Tendermint 0.31.5 reads is here. Re-run `member configure` to change it: it rewrites this file.\n");
        String section = null;
        for (Key k : KEYS) {
            if (!k.section().equals(section)) {
                section = k.section();
                out.append("\n##### ").append(SECTION_COMMENTS.get(section)).append(" #####\n");
                if (!section.isEmpty()) {
                    out.append('[').append(section).append("]\n");
                }
            }
            out.append('\n');
            for (String line : k.comment().split("\n")) {
                out.append("# ").append(line).append('\n');
            }
            out.append(Toml.line(k.name(), values.get(k.fullName()))).append('\n');
        }
        return out.toString();
    }

    private static <T> T requireType(Key k, Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(k.fullName() + " takes a " + k.kind() + " value, got " + value);
        }
        return type.cast(value);
    }

    private static String duration(Key k, String value) {
        if (!GO_DURATION.matcher(value).matches()) {
            throw new OperatorError(
                    k.fullName() + " must be a duration such as 500ms, 1s or 1m30s, got '" + value + "'");
        }
        return value;
    }

    private static void section(String name, String comment) {
        SECTION_COMMENTS.put(name, comment);
    }

    private static void str(String section, String name, String def, String comment) {
        KEYS.add(new Key(section, name, Kind.STRING, def, comment));
    }

    private static void bool(String section, String name, boolean def, String comment) {
        KEYS.add(new Key(section, name, Kind.BOOL, def, comment));
    }

    private static void integer(String section, String name, long def, String comment) {
        KEYS.add(new Key(section, name, Kind.INT, def, comment));
    }

    private static void duration(String section, String name, String def, String comment) {
        KEYS.add(new Key(section, name, Kind.DURATION, def, comment));
    }

    private static void list(String section, String name, List<String> def, String comment) {
        KEYS.add(new Key(section, name, Kind.STRING_LIST, def, comment));
    }
}
