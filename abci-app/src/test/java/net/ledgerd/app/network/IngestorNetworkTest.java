package net.ledgerd.app.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.ledgerd.ingestor.bench.IngestorBenchmark;
import net.ledgerd.ingestor.config.IngestorConfig;
import net.ledgerd.ingestor.simulate.DeviceSimulator;
import net.ledgerd.testkit.ChildProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ingestor against the real parts: a Kafka 4.1 broker (KRaft, a child process) and a real four-validator network
 * ({@link LocalNetwork}: four Tendermint 0.31.5 processes, four apps, four databases). Ingestors run as child JVMs
 * ({@code ledgerd-ingestor run}) so they can be killed with SIGKILL. Every reading is checked on member 1's ledger
 * through the HTTP API: each asset's history, followed from its CREATE, holds exactly the readings sent, once, in
 * the order sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestorNetworkTest {
    private IngestorFixture fx;

    @BeforeAll
    void start() throws Exception {
        fx = new IngestorFixture();
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    /**
     * 50,000 readings from 16 devices (2 keys each, so 32 assets) published over ~60 s, while the ingestor is killed
     * with SIGKILL at random moments 10 times (restarted each time) and the Kafka broker is restarted once.
     */
    @Test
    void everyReadingIsOnChainExactlyOnceInOrderThroughKillsAndABrokerRestart() throws Exception {
        Instant t0 = Instant.now();
        fx.createTopics("eo-readings", 4, "eo-dead");
        Path config = fx.config("eo", "eo-readings", "eo-group", "eo-dead", "eo-1");
        Random random = new Random(7);
        int devices = 16;
        int perMessage = 25;
        int messages = 50_000 / perMessage;
        try (IngestorFixture.Devices d = fx.devices("eo-readings", "eo-", devices, 2, perMessage)) {
            Thread producer = new Thread(() -> {
                try {
                    d.sendOver(devices, messages, Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            ChildProcess[] current = {IngestorFixture.startIngestor("ingestor-eo", config)};
            Path log = current[0].log();
            // The log is appended to across runs: count this run's assignments only.
            long before = assignments(log, "eo-readings-0");
            int kills = 0;
            boolean brokerRestarted = false;
            try {
                while (kills < 10) {
                    // A random moment while this incarnation works: after it owns its partitions (a JVM start takes
                    // seconds on this machine), then 0.5-4 s into its work.
                    int incarnation = kills + 1;
                    LocalNetwork.await(
                            Duration.ofMinutes(8), // generous: on an overloaded host one JVM start took 6 minutes
                            "ingestor incarnation " + incarnation + " to own partitions",
                            () -> assignments(log, "eo-readings-0") - before >= incarnation);
                    Thread.sleep(500 + random.nextInt(3500));
                    current[0].kill();
                    kills++;
                    if (kills == 5) {
                        fx.kafka.stop();
                        fx.kafka.start();
                        brokerRestarted = true;
                    }
                    current[0] = IngestorFixture.startIngestor("ingestor-eo", config);
                }
                producer.join(TimeUnit.MINUTES.toMillis(3));
                assertTrue(brokerRestarted);
                fx.awaitAllCommitted("eo-readings", "eo-group", Duration.ofMinutes(6));
            } finally {
                current[0].stop();
            }
            d.readBack(Duration.ofMinutes(1));
            // at least every message once (a send cut by the broker restart may have landed beside its resend)
            assertTrue(d.messagesSent() >= messages, "messages in the topic: " + d.messagesSent());
            long readings = fx.assertExactlyOnce(d, fx.net.member(1));
            assertEquals(d.messagesSent() * perMessage, readings);
            assertTrue(readings >= 50_000, "readings: " + readings);
            System.out.printf(
                    "exactly once: %d readings, %d kills, 1 broker restart, in %d s%n",
                    readings, kills, Duration.between(t0, Instant.now()).toSeconds());
        }
    }

    @Test
    void badMessagesGoToTheDeadLetterTopicWithTheirReasonAndTheGoodOnesOnChain() throws Exception {
        fx.createTopics("dl-readings", 2, "dl-dead");
        Path config = fx.config("dl", "dl-readings", "dl-group", "dl-dead", "");
        List<byte[]> bad = DeviceSimulator.malformedMessages();
        try (IngestorFixture.Devices d = fx.devices("dl-readings", "dl-", 3, 2, 4)) {
            ChildProcess ingestor = IngestorFixture.startIngestor("ingestor-dl", config);
            try {
                for (int i = 0; i < 6; i++) {
                    d.send(i % 3, d.simulator.message(i % 3, System.currentTimeMillis()));
                    if (i < bad.size()) {
                        d.send(i % 3, bad.get(i));
                    }
                }
                d.close();
                fx.awaitAllCommitted("dl-readings", "dl-group", Duration.ofMinutes(2));
            } finally {
                ingestor.stop();
            }
            Map<String, Integer> reasons = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : readAll("dl-dead", bad.size())) {
                String reason = header(r, "ledgerd.reason");
                reasons.merge(reason, 1, Integer::sum);
                assertEquals("dl-readings", header(r, "ledgerd.source.topic"));
                long offset = Long.parseLong(header(r, "ledgerd.source.offset"));
                int partition = Integer.parseInt(header(r, "ledgerd.source.partition"));
                var source = d.sent.get(new org.apache.kafka.common.TopicPartition("dl-readings", partition))
                        .get(offset);
                assertTrue(java.util.Arrays.equals(source.value(), r.value()), "the dead letter keeps the message");
                assertTrue(!header(r, "ledgerd.detail").isEmpty());
            }
            assertEquals(
                    Map.of("NOT_JSON", 1, "WRONG_SHAPE", 1, "MISSING_FIELD", 1, "WRONG_TYPE", 1, "OVERSIZED", 1),
                    reasons);
            assertEquals(6 * 4, fx.assertExactlyOnce(d, fx.net.member(2)));
        }
    }

    /**
     * Two instances in one group share four partitions; one is killed with SIGKILL mid-run and the other takes its
     * partitions over. Every reading ends on chain once.
     */
    @Test
    void twoInstancesInOneGroupShareThePartitionsAndOneCanDie() throws Exception {
        fx.createTopics("cg-readings", 4, "cg-dead");
        Path a = fx.config("cg-a", "cg-readings", "cg-group", "cg-dead", "");
        Path b = fx.config("cg-b", "cg-readings", "cg-group", "cg-dead", "");
        int devices = 12;
        try (IngestorFixture.Devices d = fx.devices("cg-readings", "cg-", devices, 2, 20)) {
            ChildProcess first = IngestorFixture.startIngestor("ingestor-cg-a", a);
            ChildProcess second = IngestorFixture.startIngestor("ingestor-cg-b", b);
            try {
                Thread producer = new Thread(() -> {
                    try {
                        d.sendOver(devices, 600, Duration.ofSeconds(15));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                producer.start();
                LocalNetwork.await(
                        Duration.ofMinutes(8),
                        "both instances to own partitions",
                        () -> assigned(first) && assigned(second));
                Thread.sleep(4000);
                second.kill();
                producer.join(TimeUnit.MINUTES.toMillis(2));
                fx.awaitAllCommitted("cg-readings", "cg-group", Duration.ofMinutes(5));
            } finally {
                first.stop();
                second.stop();
            }
            assertEquals(600 * 20, fx.assertExactlyOnce(d, fx.net.member(3)));
        }
    }

    /** How many times the ingestors logging to {@code log} were assigned {@code partition}. */
    private static long assignments(Path log, String partition) throws Exception {
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("partition " + partition + " assigned"))
                .count();
    }

    /**
     * The benchmark's short form (the full one: {@code network/bin/bench-ingestor} on the local network): 15 s of
     * 1,000 readings/s from 20 devices x 3 keys into an ingestor in this JVM. Prints the figures; a speed is never
     * a pass/fail gate, so it checks only that readings reached the chain, that what the benchmark reads back from
     * the ledger holds every confirmed reading once and in order (the exactly-once test checks each one's value).
     */
    @Test
    void benchmarkShortForm() throws Exception {
        Path config = fx.config("bench", "unused", "unused", "unused-dead", "");
        IngestorBenchmark.Result r = IngestorBenchmark.run(
                IngestorConfig.load(config, Map.of()), 20, 3, 10, 1000, Duration.ofSeconds(15), Duration.ofMinutes(4));
        System.out.println("ingestor benchmark (short form, four-member LocalNetwork): " + r);
        assertTrue(r.committed() > 0 && r.committed() <= r.published(), r.toString());
        // Read back from the ledger: every confirmed reading stored, none twice, each asset's in order.
        assertTrue(r.chain().distinct() >= r.published() - r.lost(), r.toString());
        assertEquals(0, r.chain().duplicates(), r.toString());
        assertEquals(0, r.chain().outOfOrder(), r.toString());
        assertEquals(List.of(), r.chain().unread(), r.toString());
    }

    private static boolean assigned(ChildProcess p) throws Exception {
        return Files.readString(p.log()).contains("assigned; resuming");
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fx.kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 2 << 20);
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (var c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && all.size() < expected) {
                c.poll(Duration.ofMillis(500)).forEach(all::add);
            }
            // a moment more: nothing beyond the expected dead letters may be there
            c.poll(Duration.ofSeconds(2)).forEach(all::add);
        }
        assertEquals(expected, all.size(), "dead letters");
        return all;
    }
}
