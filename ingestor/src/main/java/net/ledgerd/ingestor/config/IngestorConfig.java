package net.ledgerd.ingestor.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import net.ledgerd.ingestor.readings.DeviceIdSource;

/**
 * The ingestor's settings. Sources, later ones winning: built-in defaults (the local network of start-network), one
 * {@code key=value} config file, environment variables {@code LEDGERD_INGESTOR_<KEY>} (dots become underscores:
 * {@code LEDGERD_INGESTOR_KAFKA_BOOTSTRAP}). Every value is checked at start; a bad one stops the ingestor with a
 * message naming its key. See {@link #DEFAULTS} for the keys.
 */
public record IngestorConfig(
        String kafkaBootstrap,
        String topic,
        String group,
        String instanceId,
        String deadLetterTopic,
        String headsTopic,
        DeviceIdSource deviceIdFrom,
        String deviceIdField,
        Path ownerKeyFile,
        List<URI> ledgerRpc,
        List<URI> ledgerApi,
        int batchMaxReadings,
        int batchMaxBytes,
        int messageMaxBytes,
        int messageMaxReadings,
        int bufferMaxReadings,
        int inFlightMax,
        int pipelineDepth,
        Duration rpcTimeout,
        Duration callTimeout,
        Duration confirmTimeout,
        String metricsAddress,
        Duration progressInterval) {

    public static final String ENV_PREFIX = "LEDGERD_INGESTOR_";

    /** Every key with its default; an empty default means the key must be given. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kafka.bootstrap", "127.0.0.10:9092");
        d.put("kafka.topic", "readings");
        d.put("kafka.group", "ledgerd-ingestor");
        // Static group membership: an instance restarted under the same id takes its partitions back at once instead
        // of after the session timeout. Empty: dynamic membership.
        d.put("kafka.instance_id", "");
        d.put("kafka.dead_letter_topic", "readings-dead-letters");
        // A compacted topic of each asset's last committed transaction id (a hint: see HeadHints).
        d.put("kafka.heads_topic", "readings-heads");
        d.put("device.id_from", "key");
        d.put("device.id_field", "device");
        d.put("owner.key_file", "");
        d.put(
                "ledger.rpc",
                "http://127.0.0.11:26657,http://127.0.0.12:26657,http://127.0.0.13:26657,http://127.0.0.14:26657");
        d.put(
                "ledger.api",
                "http://127.0.0.11:9984,http://127.0.0.12:9984,http://127.0.0.13:9984,http://127.0.0.14:9984");
        d.put("batch.max_readings", "2000");
        d.put("batch.max_bytes", "200000");
        d.put("message.max_bytes", "65536");
        d.put("message.max_readings", "1000");
        d.put("buffer.max_readings", "200000");
        d.put("inflight.max", "256");
        // Transactions of one asset in flight at once, each spending the previous one's output while it is still in
        // the mempool (CheckTx's check view admits that); 1 waits for each commit before the next TRANSFER.
        d.put("pipeline.depth", "4");
        // One call to a member's Tendermint RPC (broadcast, height, blocks, index): these answer within 2 s at p99
        // under full load, and a member that does not (stopped, or Tendermint 0.31.5's lost CheckTx answer) is left
        // for the next one this soon. The other calls (the app's API, whose history read is a scan; Kafka) keep the
        // longer call timeout.
        d.put("ledger.rpc_timeout_ms", "3000");
        d.put("ledger.call_timeout_ms", "10000");
        d.put("ledger.confirm_timeout_ms", "30000");
        d.put("metrics.address", "127.0.0.10:9464");
        d.put("progress.interval_s", "5");
        DEFAULTS = Map.copyOf(d);
    }

    /** Loads defaults, then {@code file} (may be null), then the environment. */
    public static IngestorConfig load(Path file, Map<String, String> env) throws ConfigException {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage());
            }
            for (String key : p.stringPropertyNames()) {
                if (!DEFAULTS.containsKey(key)) {
                    throw new ConfigException("unknown key " + key + " in " + file + "; known keys: " + keys());
                }
                values.put(key, p.getProperty(key).trim());
            }
        }
        for (String key : DEFAULTS.keySet()) {
            String v = env.get(envName(key));
            if (v != null) {
                values.put(key, v.trim());
            }
        }
        return from(values);
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static String keys() {
        return String.join(", ", new java.util.TreeSet<>(DEFAULTS.keySet()));
    }

    static IngestorConfig from(Map<String, String> v) throws ConfigException {
        DeviceIdSource idFrom;
        try {
            idFrom = DeviceIdSource.valueOf(v.get("device.id_from").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "device.id_from must be key, topic or field, was \"" + v.get("device.id_from") + "\"");
        }
        List<URI> rpc = urls(v, "ledger.rpc");
        List<URI> api = urls(v, "ledger.api");
        int batchMaxBytes = positive(v, "batch.max_bytes");
        int messageMaxBytes = positive(v, "message.max_bytes");
        if (messageMaxBytes * 2 > batchMaxBytes) {
            throw new ConfigException("message.max_bytes (" + messageMaxBytes
                    + ") must be at most half of batch.max_bytes (" + batchMaxBytes
                    + ") so that every accepted message fits in one transaction");
        }
        int messageMaxReadings = positive(v, "message.max_readings");
        int batchMaxReadings = positive(v, "batch.max_readings");
        if (messageMaxReadings > batchMaxReadings) {
            throw new ConfigException("message.max_readings (" + messageMaxReadings
                    + ") must be at most batch.max_readings (" + batchMaxReadings + ")");
        }
        if (batchMaxBytes > 900_000) {
            throw new ConfigException(
                    "batch.max_bytes must be at most 900000 (Tendermint refuses larger messages), was "
                            + batchMaxBytes);
        }
        return new IngestorConfig(
                nonEmpty(v, "kafka.bootstrap"),
                topic(v, "kafka.topic"),
                nonEmpty(v, "kafka.group"),
                v.get("kafka.instance_id"),
                topic(v, "kafka.dead_letter_topic"),
                topic(v, "kafka.heads_topic"),
                idFrom,
                nonEmpty(v, "device.id_field"),
                Path.of(nonEmpty(v, "owner.key_file")),
                rpc,
                api,
                batchMaxReadings,
                batchMaxBytes,
                messageMaxBytes,
                messageMaxReadings,
                positive(v, "buffer.max_readings"),
                positive(v, "inflight.max"),
                positive(v, "pipeline.depth"),
                Duration.ofMillis(positive(v, "ledger.rpc_timeout_ms")),
                Duration.ofMillis(positive(v, "ledger.call_timeout_ms")),
                Duration.ofMillis(positive(v, "ledger.confirm_timeout_ms")),
                metricsAddress(v, "metrics.address"),
                Duration.ofSeconds(positive(v, "progress.interval_s")));
    }

    private static String nonEmpty(Map<String, String> v, String key) throws ConfigException {
        String s = v.get(key);
        if (s == null || s.isBlank()) {
            throw new ConfigException(key + " is required (set it in the config file or " + envName(key) + ")");
        }
        return s;
    }

    private static String topic(Map<String, String> v, String key) throws ConfigException {
        String s = nonEmpty(v, key);
        if (!s.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new ConfigException(
                    key + " must be a Kafka topic name (letters, digits, '.', '_', '-'), was \"" + s + "\"");
        }
        return s;
    }

    private static int positive(Map<String, String> v, String key) throws ConfigException {
        String s = nonEmpty(v, key);
        try {
            int n = Integer.parseInt(s);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw new ConfigException(key + " must be a positive integer, was \"" + s + "\"");
    }

    private static List<URI> urls(Map<String, String> v, String key) throws ConfigException {
        List<URI> list = new ArrayList<>();
        for (String part : nonEmpty(v, key).split(",")) {
            String s = part.trim();
            try {
                URI u = URI.create(s);
                if (Set.of("http", "https").contains(u.getScheme()) && u.getHost() != null) {
                    list.add(u);
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // reported below with the key
            }
            throw new ConfigException(
                    key + " must be a comma-separated list of http://host:port URLs; \"" + s + "\" is not one");
        }
        return List.copyOf(list);
    }

    private static String metricsAddress(Map<String, String> v, String key) throws ConfigException {
        String s = nonEmpty(v, key);
        if (s.equals("off") || s.matches("[^:]+:\\d{1,5}")) {
            return s;
        }
        throw new ConfigException(key + " must be host:port or off, was \"" + s + "\"");
    }
}
