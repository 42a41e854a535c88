package net.ledgerd.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import net.ledgerd.app.store.HistoryFeed;

/**
 * Everything the app is configured with, in one place. Sources, later ones winning: built-in
 * defaults (which work on the local network), the config file (key=value), environment variables
 * (LEDGERD_ + the key upper-cased with dots as underscores, e.g. LEDGERD_MONGODB_URI), command-line
 * flags. Validated once at start; a bad value stops the app with a message naming the key.
 */
public record AppConfig(
        InetSocketAddress abciAddress,
        Transport transport,
        int maxFrameBytes,
        String mongodbUri,
        String database,
        InetSocketAddress httpAddress,
        URI tendermintRpc,
        int maxRequestBytes,
        Duration checkTimeout,
        Duration commitTimeout,
        Duration historyPassInterval) {

    public enum Transport {
        SOCKET,
        GRPC
    }

    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("abci.address", "127.0.0.1:26658"),
            Map.entry("abci.transport", "socket"),
            Map.entry("abci.max_frame_bytes", "104857600"),
            Map.entry("mongodb.uri", "mongodb://127.0.0.1:27017"),
            Map.entry("mongodb.database", "bigchain"),
            Map.entry("http.address", "0.0.0.0:9984"),
            Map.entry("tendermint.rpc", "http://127.0.0.1:26657"),
            Map.entry("http.max_request_bytes", "15728640"),
            // POST /transactions with mode=sync or commit: how long to wait for this app's CheckTx verdict
            // (Tendermint holds CheckTx through a whole Commit), then for its commit (Tendermint's own
            // timeout_broadcast_tx_commit default).
            Map.entry("http.check_timeout_ms", "20000"),
            Map.entry("http.commit_timeout_ms", "10000"),
            // How often the history documents are brought up to date behind Commit (HistoryFeed): longer costs
            // the database less CPU per block, and the history, the series and the explorer lag the chain more.
            Map.entry("history.pass_interval_ms", String.valueOf(HistoryFeed.DEFAULT_PASS_INTERVAL.toMillis())));

    public static AppConfig load(Path file, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        if (file != null) {
            values.putAll(readFile(file));
        }
        for (String key : DEFAULTS.keySet()) {
            String env = environment.get(envName(key));
            if (env != null && !env.isBlank()) {
                values.put(key, env.trim());
            }
        }
        flags.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        return fromValues(values);
    }

    public static String envName(String key) {
        return "LEDGERD_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new ConfigException(
                        "unknown key '" + key + "' in " + file + "; known keys: " + DEFAULTS.keySet());
            }
            values.put(key, props.getProperty(key).trim());
        }
        return values;
    }

    static AppConfig fromValues(Map<String, String> v) {
        return new AppConfig(
                address(v, "abci.address"),
                transport(v.get("abci.transport")),
                positiveInt(v, "abci.max_frame_bytes"),
                mongoUri(v.get("mongodb.uri")),
                database(v.get("mongodb.database")),
                address(v, "http.address"),
                httpUri(v, "tendermint.rpc"),
                positiveInt(v, "http.max_request_bytes"),
                Duration.ofMillis(positiveInt(v, "http.check_timeout_ms")),
                Duration.ofMillis(positiveInt(v, "http.commit_timeout_ms")),
                Duration.ofMillis(positiveInt(v, "history.pass_interval_ms")));
    }

    private static InetSocketAddress address(Map<String, String> v, String key) {
        String value = v.get(key);
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new ConfigException(key + " must be HOST:PORT, got '" + value + "'");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must end in a port number, got '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(key + " port must be 0..65535, got " + port);
        }
        return new InetSocketAddress(value.substring(0, colon), port);
    }

    private static Transport transport(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "socket" -> Transport.SOCKET;
            case "grpc" -> Transport.GRPC;
            default -> throw new ConfigException("abci.transport must be 'socket' or 'grpc', got '" + value + "'");
        };
    }

    private static int positiveInt(Map<String, String> v, String key) {
        try {
            int n = Integer.parseInt(v.get(key));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the key's name
        }
        throw new ConfigException(key + " must be a positive integer, got '" + v.get(key) + "'");
    }

    private static String mongoUri(String value) {
        if (!value.startsWith("mongodb://") && !value.startsWith("mongodb+srv://")) {
            throw new ConfigException("mongodb.uri must start with mongodb:// or mongodb+srv://, got '" + value + "'");
        }
        return value;
    }

    private static String database(String value) {
        if (value.isEmpty() || value.matches(".*[/\\\\. \"$].*")) {
            throw new ConfigException(
                    "mongodb.database must be a MongoDB database name without / \\ . space \" $, got '" + value + "'");
        }
        return value;
    }

    private static URI httpUri(Map<String, String> v, String key) {
        try {
            URI uri = URI.create(v.get(key));
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the key's name
        }
        throw new ConfigException(key + " must be an http:// URL, got '" + v.get(key) + "'");
    }

    /** A configuration value that cannot be used; the message names the key and what it must be. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
