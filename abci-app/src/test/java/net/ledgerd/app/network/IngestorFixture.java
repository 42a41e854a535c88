package net.ledgerd.app.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.LedgerClient;
import net.ledgerd.ingestor.ledger.OwnerKey;
import net.ledgerd.ingestor.ledger.ReadingTransactions;
import net.ledgerd.ingestor.ledger.RecordedChain;
import net.ledgerd.ingestor.pipeline.IngestorApp;
import net.ledgerd.ingestor.pipeline.TopicReader;
import net.ledgerd.ingestor.readings.BadMessageException;
import net.ledgerd.ingestor.readings.DeviceIdSource;
import net.ledgerd.ingestor.readings.DeviceMessage;
import net.ledgerd.ingestor.readings.MessageParser;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.ingestor.simulate.DeviceSimulator;
import net.ledgerd.testkit.ChildProcess;
import net.ledgerd.testkit.KafkaBroker;
import net.ledgerd.testkit.Tools;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the ingestor's network tests share: a real Kafka broker and a real four-member {@link LocalNetwork}, topics,
 * ingestors run as child JVMs (so they can be killed with SIGKILL), a producer that remembers where every message
 * landed, and the check that every reading is on chain exactly once and in order, read back through the HTTP API.
 */
final class IngestorFixture implements AutoCloseable {

    final LocalNetwork net;
    final KafkaBroker kafka;
    final Path dir;
    final Path keyFile;
    final Ed25519KeyPair owner;

    IngestorFixture() throws IOException {
        dir = Files.createTempDirectory("ingestor-test-");
        keyFile = dir.resolve("owner.key");
        owner = OwnerKey.generate(keyFile);
        kafka = KafkaBroker.startTemporary("kafka-ingestor");
        try {
            net = LocalNetwork.start(Set.of(), false);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    void createTopics(String topic, int partitions, String deadLetters) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(topic, partitions, (short) 1)
                                    // Kafka's own append time: what the latency figures start from.
                                    .configs(Map.of("message.timestamp.type", "LogAppendTime")),
                            new NewTopic(deadLetters, 1, (short) 1),
                            new NewTopic(topic + "-heads", 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    Path config(String name, String topic, String group, String deadLetters, String instanceId) throws IOException {
        List<String> rpc = new ArrayList<>();
        List<String> api = new ArrayList<>();
        for (LocalNetwork.Member m : net.members) {
            rpc.add("http://" + m.rpcHost + ":" + m.rpcPort);
            api.add("http://127.0.0.1:" + m.httpPort);
        }
        Path file = dir.resolve(name + ".properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "kafka.bootstrap=" + kafka.bootstrapServers(),
                        "kafka.topic=" + topic,
                        "kafka.group=" + group,
                        "kafka.instance_id=" + instanceId,
                        "kafka.dead_letter_topic=" + deadLetters,
                        "kafka.heads_topic=" + topic + "-heads",
                        "owner.key_file=" + keyFile,
                        "ledger.rpc=" + String.join(",", rpc),
                        "ledger.api=" + String.join(",", api),
                        "ledger.confirm_timeout_ms=60000",
                        // Patient calls: on a loaded 2-core machine a member can take seconds to answer, and a
                        // broadcast that times out and is sent to the next member doubles the CheckTx work.
                        "ledger.call_timeout_ms=20000",
                        "metrics.address=off",
                        "progress.interval_s=2",
                        ""));
        return file;
    }

    /** {@code ledgerd-ingestor run --config <config>} in its own JVM, from this test's class path. */
    static ChildProcess startIngestor(String name, Path config) {
        return ChildProcess.start(
                name,
                List.of(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        // The ingestor's own log configuration, not the app's that comes first on this class path.
                        "-Dlogback.configurationFile="
                                + Tools.repoRoot().resolve("ingestor/src/main/resources/logback.xml"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "net.ledgerd.ingestor.cli.IngestorCli",
                        "run",
                        "--config",
                        config.toString()),
                Map.of());
    }

    /** Publishes simulated device messages and remembers each one's partition and offset. */
    final class Devices implements AutoCloseable {
        final String topic;
        final DeviceSimulator simulator;
        private final KafkaProducer<byte[], byte[]> producer;
        final Map<TopicPartition, Map<Long, Sent>> sent = new ConcurrentHashMap<>();
        /** Sends that failed even after {@link #sendOver} sent them again. */
        final List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

        private final java.util.Queue<Sent> failed = new java.util.concurrent.ConcurrentLinkedQueue<>();

        Devices(String topic, String prefix, int devices, int keys, int readingsPerMessage) {
            this.topic = topic;
            producer = new KafkaProducer<>(
                    IngestorApp.producerProperties(kafka.bootstrapServers()),
                    new ByteArraySerializer(),
                    new ByteArraySerializer());
            simulator = new DeviceSimulator(producer, topic, prefix, devices, keys, readingsPerMessage, 42);
        }

        void send(int device, byte[] value) {
            send(simulator.deviceId(device), value);
        }

        private void send(String id, byte[] value) {
            byte[] key = id.getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
                if (e != null) {
                    failed.add(new Sent(id, value));
                    errors.add(e);
                } else {
                    sent.computeIfAbsent(
                                    new TopicPartition(meta.topic(), meta.partition()), k -> new ConcurrentHashMap<>())
                            .put(meta.offset(), new Sent(id, value));
                }
            });
        }

        /** {@code messages} messages round-robin over the devices, spread evenly over {@code duration}. */
        void sendOver(int devices, int messages, Duration duration) throws InterruptedException {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                long due = start + duration.toNanos() * i / messages;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                send(i % devices, simulator.message(i % devices, System.currentTimeMillis()));
            }
            producer.flush();
            // A device sends again what the broker did not acknowledge (the test restarts the broker).
            for (int round = 0; round < 5 && !failed.isEmpty(); round++) {
                errors.clear();
                for (Sent again = failed.poll(); again != null; again = failed.poll()) {
                    send(again.device(), again.value());
                }
                producer.flush();
            }
        }

        /**
         * Replaces what the acknowledgements said with what the topic holds: a send that failed
         * without an answer (a broker restart) may have landed all the same, and its message is then
         * in the topic, for the ingestor to record, beside the copy sent again.
         */
        void readBack(Duration timeout) {
            Map<TopicPartition, Map<Long, Sent>> inTopic = new HashMap<>();
            boolean whole = TopicReader.readToEnd(
                    kafka.bootstrapServers(),
                    topic,
                    timeout,
                    r -> inTopic.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new HashMap<>())
                            .put(r.offset(), new Sent(new String(r.key(), StandardCharsets.UTF_8), r.value())));
            if (!whole) {
                throw new AssertionError("could not read " + topic + " back within " + timeout);
            }
            sent.clear();
            inTopic.forEach((tp, offsets) -> sent.put(tp, new ConcurrentHashMap<>(offsets)));
        }

        long messagesSent() {
            return sent.values().stream().mapToLong(Map::size).sum();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(30));
        }
    }

    Devices devices(String topic, String prefix, int devices, int keys, int readingsPerMessage) {
        return new Devices(topic, prefix, devices, keys, readingsPerMessage);
    }

    /** Waits until the group has committed, on every partition of the topic, the end offset. */
    void awaitAllCommitted(String topic, String group, Duration timeout) {
        LocalNetwork.await(timeout, "group " + group + " to commit every offset of " + topic, () -> {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                var committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                var partitions = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .get(topic)
                        .partitions();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                for (var e : ends.entrySet()) {
                    var c = committed.get(e.getKey());
                    if (e.getValue().offset() > 0
                            && (c == null || c.offset() < e.getValue().offset())) {
                        return false;
                    }
                }
                return true;
            }
        });
    }

    /** One reading as found on chain or as expected: message offset, index in the message, value. */
    record Found(long offset, int index, String value) {}

    /** A message as published. */
    record Sent(String device, byte[] value) {}

    /** The readings each asset should hold, in order, from what was sent (bad messages hold none). */
    static Map<AssetKey, List<Found>> expected(Map<TopicPartition, Map<Long, Sent>> sent) {
        MessageParser parser = new MessageParser(DeviceIdSource.KEY, "device", 65536, 1000);
        Map<AssetKey, List<Found>> result = new LinkedHashMap<>();
        for (var p : sent.entrySet()) {
            for (var m : new TreeMap<>(p.getValue()).entrySet()) {
                DeviceMessage dm;
                try {
                    dm = parser.parse(
                            p.getKey().topic(),
                            m.getValue().device().getBytes(StandardCharsets.UTF_8),
                            m.getValue().value());
                } catch (BadMessageException e) {
                    continue;
                }
                for (Reading r : dm.readings()) {
                    result.computeIfAbsent(new AssetKey(dm.device(), r.key(), r.unit()), k -> new ArrayList<>())
                            .add(new Found(m.getKey(), r.index(), r.value().toString()));
                }
            }
        }
        return result;
    }

    /**
     * Reads each asset's history with {@code GET /api/v1/transactions?asset_id=} from member {@code m}, follows the
     * chain from the CREATE through each TRANSFER's input ({@link RecordedChain}), and returns its readings in chain
     * order. Fails if the history holds a transaction off the chain (a fork or a second copy).
     */
    Map<AssetKey, List<Found>> onChain(Set<AssetKey> assets, LocalNetwork.Member m) throws Exception {
        ReadingTransactions txs = new ReadingTransactions(owner);
        LedgerClient ledger = new LedgerClient(
                List.of(URI.create("http://" + m.rpcHost + ":" + m.rpcPort)),
                List.of(URI.create("http://127.0.0.1:" + m.httpPort)),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60));
        Map<AssetKey, List<Found>> result = new LinkedHashMap<>();
        for (AssetKey a : assets) {
            String assetId = txs.create(a).id();
            List<Found> readings = new ArrayList<>();
            try {
                for (JsonNode tx : RecordedChain.transfers(
                        assetId, ledger.assetHistory(assetId, Instant.now().plusSeconds(120)))) {
                    for (ReadingTransactions.Recorded rd : ReadingTransactions.recorded(tx.path("metadata"))) {
                        readings.add(new Found(rd.offset(), rd.index(), rd.v().toString()));
                    }
                }
            } catch (RecordedChain.BrokenChainException e) {
                throw new AssertionError(e.getMessage(), e);
            }
            result.put(a, readings);
        }
        return result;
    }

    /** Every reading sent is on chain once, each asset's in the order sent. Returns the number of readings. */
    long assertExactlyOnce(Devices devices, LocalNetwork.Member m) throws Exception {
        if (!devices.errors.isEmpty()) {
            throw new AssertionError("the producer failed: " + devices.errors);
        }
        Map<AssetKey, List<Found>> want = expected(devices.sent);
        Map<AssetKey, List<Found>> got = onChain(want.keySet(), m);
        long total = 0;
        for (var e : want.entrySet()) {
            List<Found> g = got.get(e.getKey());
            if (!e.getValue().equals(g)) {
                throw new AssertionError(
                        "asset " + e.getKey() + ": expected " + e.getValue().size()
                                + " readings in order, found " + (g == null ? 0 : g.size()) + "; first difference at "
                                + firstDifference(e.getValue(), g));
            }
            total += g.size();
        }
        return total;
    }

    private static String firstDifference(List<Found> want, List<Found> got) {
        for (int i = 0; i < Math.max(want.size(), got == null ? 0 : got.size()); i++) {
            Found w = i < want.size() ? want.get(i) : null;
            Found g = got != null && i < got.size() ? got.get(i) : null;
            if (w == null || !w.equals(g)) {
                return i + ": expected " + w + ", found " + g;
            }
        }
        return "none";
    }

    @Override
    public void close() {
        try {
            net.close();
        } finally {
            kafka.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("cannot delete " + dir + ": " + e);
            }
        }
    }
}
