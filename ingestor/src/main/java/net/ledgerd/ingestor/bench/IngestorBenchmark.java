package net.ledgerd.ingestor.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import net.ledgerd.ingestor.config.IngestorConfig;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.Segment;
import net.ledgerd.ingestor.pipeline.CommitListener;
import net.ledgerd.ingestor.pipeline.IngestorApp;
import net.ledgerd.ingestor.pipeline.Timeline;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.ingestor.simulate.DeviceSimulator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end figures of the ingestor on a running network: the simulator publishes at a fixed rate for a fixed time
 * to a fresh topic (Kafka's append time as record timestamp; deleted at the end, with its group), an ingestor in
 * this JVM records the readings, and every batch read back from the ledger as committed gives one latency sample
 * per reading (Kafka append to confirmation). Prints readings/s committed over the publishing window and after the
 * drain, and p50/p99 latency.
 *
 * <p>A warm-up at the same rate may come first, so that the figures are those of a running ingestor and network
 * rather than of cold JVMs compiling their code: the measured window starts when it ends and lasts until the drain
 * ends. Latency counts the readings appended in the window, throughput and CPU the readings committed in it; lost
 * readings and duplicates count every reading, the warm-up's too. Those two count confirmations; at the end the
 * {@link ChainAudit} reads every asset's chain back from the ledger and counts what is stored.
 */
public final class IngestorBenchmark {
    private static final Logger log = LoggerFactory.getLogger(IngestorBenchmark.class);
    /**
     * How long reading one asset's history back may take: a scan of the member's transactions (~1 s for 4,000
     * TRANSFERs of 60 assets on this machine, at the end of a run), and the member catching up if it fell behind.
     */
    private static final Duration AUDIT_PER_ASSET = Duration.ofSeconds(60);

    /** What a run measured. */
    public record Result(
            long published,
            long committed,
            double publishSeconds,
            double committedPerSecondWhilePublishing,
            double drainSeconds,
            long p50Ms,
            long p99Ms,
            long maxMs,
            long transactions,
            long deadLetters,
            long lost,
            long duplicates,
            double warmupSeconds,
            long committedInWindow,
            double cpuSecondsInWindow,
            String latencyBySecondOfAppend,
            String latencyByStage,
            ChainAudit.Findings chain) {
        @Override
        public String toString() {
            return String.format(
                    "published %d readings (a %.1f s warm-up, then %.1f s measured); committed %d readings in %d"
                            + " transactions; while publishing: %.0f readings/s committed; drained %.1f s after"
                            + " publishing stopped; Kafka append -> commit latency p50 %d ms, p99 %d ms, max %d ms;"
                            + " dead letters %d, lost (not confirmed when the drain ended) %d, duplicates %d;"
                            + " in the measured window: %d readings committed, this JVM's CPU %.1f s;"
                            + " latency p50/p99 (s) of the readings appended in each 10 s of the window: %s;"
                            + " where it went, p50/p99 (ms) of each stage: %s;"
                            + " on chain (read back after the drain): %s",
                    published,
                    warmupSeconds,
                    publishSeconds,
                    committed,
                    transactions,
                    committedPerSecondWhilePublishing,
                    drainSeconds,
                    p50Ms,
                    p99Ms,
                    maxMs,
                    deadLetters,
                    lost,
                    duplicates,
                    committedInWindow,
                    cpuSecondsInWindow,
                    latencyBySecondOfAppend,
                    latencyByStage,
                    chain);
        }
    }

    /** Told when the measured window starts and ends, e.g. to read other processes' CPU time then. */
    public interface Window {
        Window NONE = new Window() {
            @Override
            public void started() {}

            @Override
            public void ended() {}
        };

        void started();

        void ended();
    }

    private IngestorBenchmark() {}

    /**
     * Latency samples in milliseconds, one per committed reading, with the commit times; and each reading's identity
     * (partition, message offset, index in the message) to count the readings confirmed twice.
     */
    private static final class Samples implements CommitListener {
        static final String[] STAGES = {
            "append to send", "send to CheckTx accepted", "to its block decided", "to block stored", "to confirmed"
        };

        private long[] latency = new long[1 << 16];
        /** The append time of each sample, ms after the window began. */
        private long[] appendedAt = new long[1 << 16];

        private int n;
        /** Per sample, the time spent in each of {@link #STAGES} (see {@link Timeline}); -1 where not known. */
        private long[][] stage = new long[STAGES.length][1 << 16];
        /** Each reading confirmed, to count those confirmed twice. */
        private final ReadingSet seen = new ReadingSet();
        /** Per asset, the transactions confirmed: what the chain read back must hold. */
        private final Map<AssetKey, Set<String>> confirmedTransactions = new HashMap<>();

        final AtomicLong committed = new AtomicLong();
        final AtomicLong transactions = new AtomicLong();
        /**
         * Readings appended to Kafka before this (the warm-up's) give no latency sample; none does before the window
         * starts (the warm-up's readings committed during the warm-up are not part of the window).
         */
        volatile long measuredFromMs = Long.MAX_VALUE;

        @Override
        public synchronized void committed(AssetKey asset, String txId, List<Segment> segments, Timeline timeline) {
            transactions.incrementAndGet();
            confirmedTransactions.computeIfAbsent(asset, a -> new HashSet<>()).add(txId);
            long confirmedAtMs = timeline.confirmedAtMs();
            for (Segment s : segments) {
                for (Reading r : s.readings()) {
                    seen.add(s.source().partition(), s.offset(), r.index());
                    if (s.appendTimeMs() < measuredFromMs) {
                        continue;
                    }
                    if (n == latency.length) {
                        latency = Arrays.copyOf(latency, n * 2);
                        appendedAt = Arrays.copyOf(appendedAt, n * 2);
                        for (int k = 0; k < stage.length; k++) {
                            stage[k] = Arrays.copyOf(stage[k], n * 2);
                        }
                    }
                    long[] marks = {
                        s.appendTimeMs(),
                        timeline.sentAtMs(),
                        timeline.acceptedAtMs(),
                        timeline.blockSeenAtMs(),
                        timeline.storedAtMs(),
                        confirmedAtMs
                    };
                    for (int k = 0; k < stage.length; k++) {
                        stage[k][n] = marks[k] < 0 || marks[k + 1] < 0 ? -1 : marks[k + 1] - marks[k];
                    }
                    appendedAt[n] = s.appendTimeMs() - measuredFromMs;
                    latency[n++] = confirmedAtMs - s.appendTimeMs();
                }
                committed.addAndGet(s.readings().size());
            }
        }

        synchronized Map<AssetKey, Set<String>> confirmedTransactions() {
            Map<AssetKey, Set<String>> copy = new HashMap<>();
            confirmedTransactions.forEach((a, ids) -> copy.put(a, Set.copyOf(ids)));
            return copy;
        }

        synchronized long distinct() {
            return seen.distinct();
        }

        synchronized long duplicates() {
            return seen.repeated();
        }

        synchronized long percentile(double p) {
            if (n == 0) {
                return -1;
            }
            long[] sorted = Arrays.copyOf(latency, n);
            Arrays.sort(sorted);
            return nearestRank(sorted, p);
        }

        /** The nearest-rank {@code p} quantile (p in (0, 1]) of non-empty {@code sorted}. */
        private static long nearestRank(long[] sorted, double p) {
            return sorted[Math.max(0, Math.min(sorted.length, (int) Math.ceil(p * sorted.length)) - 1)];
        }

        /** p50/p99 of each stage over the samples whose timeline knows it. */
        synchronized String percentilesPerStage() {
            StringBuilder out = new StringBuilder();
            for (int k = 0; k < STAGES.length; k++) {
                long[] known = Arrays.stream(stage[k], 0, n)
                        .filter(v -> v >= 0)
                        .sorted()
                        .toArray();
                out.append(k == 0 ? "" : ", ").append(STAGES[k]).append(' ');
                if (known.length == 0) {
                    out.append("-");
                } else {
                    out.append(nearestRank(known, 0.50)).append('/').append(nearestRank(known, 0.99));
                }
            }
            return out.toString();
        }

        /**
         * p50/p99 per 10 s of append time: whether latency is steady or a backlog growing (or left by the warm-up)
         * shrinking, which one figure for the whole window hides.
         */
        synchronized String percentilesPer10Seconds() {
            Map<Long, long[]> buckets = new java.util.TreeMap<>();
            Map<Long, Integer> sizes = new HashMap<>();
            for (int k = 0; k < n; k++) {
                long bucket = appendedAt[k] / 10_000;
                long[] b = buckets.computeIfAbsent(bucket, x -> new long[16]);
                int size = sizes.getOrDefault(bucket, 0);
                if (size == b.length) {
                    b = Arrays.copyOf(b, size * 2);
                    buckets.put(bucket, b);
                }
                b[size] = latency[k];
                sizes.put(bucket, size + 1);
            }
            StringBuilder out = new StringBuilder();
            buckets.forEach((bucket, b) -> {
                long[] sorted = Arrays.copyOf(b, sizes.get(bucket));
                Arrays.sort(sorted);
                out.append(out.length() == 0 ? "" : ", ")
                        .append(bucket * 10)
                        .append("s ")
                        .append(String.format(
                                "%.1f/%.1f", nearestRank(sorted, 0.50) / 1000.0, nearestRank(sorted, 0.99) / 1000.0));
            });
            return out.toString();
        }
    }

    /** A run without warm-up (the short form in tests). */
    public static Result run(
            IngestorConfig base, int devices, int keys, int perMessage, double rate, Duration duration, Duration drain)
            throws Exception {
        return run(base, devices, keys, perMessage, rate, Duration.ZERO, duration, drain, Window.NONE);
    }

    public static Result run(
            IngestorConfig base,
            int devices,
            int keys,
            int perMessage,
            double rate,
            Duration warmup,
            Duration duration,
            Duration drain,
            Window window)
            throws Exception {
        String topic = "bench-" + System.currentTimeMillis();
        IngestorConfig config = new IngestorConfig(
                base.kafkaBootstrap(),
                topic,
                topic + "-group",
                "",
                topic + "-dead",
                topic + "-heads",
                base.deviceIdFrom(),
                base.deviceIdField(),
                base.ownerKeyFile(),
                base.ledgerRpc(),
                base.ledgerApi(),
                base.batchMaxReadings(),
                base.batchMaxBytes(),
                base.messageMaxBytes(),
                base.messageMaxReadings(),
                base.bufferMaxReadings(),
                base.inFlightMax(),
                base.pipelineDepth(),
                base.rpcTimeout(),
                base.callTimeout(),
                base.confirmTimeout(),
                "off",
                base.progressInterval());
        Samples samples = new Samples();
        // Declared first, closed last: the topics go once the ingestor has left its group.
        try (RunTopics topics = RunTopics.create(config);
                IngestorApp app = new IngestorApp(config, samples);
                var producer = new KafkaProducer<>(
                        IngestorApp.producerProperties(base.kafkaBootstrap()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            Thread ingestor = new Thread(app.ingestor()::run, "ingestor");
            ingestor.start();
            DeviceSimulator sim = new DeviceSimulator(producer, topic, "bench-", devices, keys, perMessage, 1);
            long w0 = System.nanoTime();
            if (!warmup.isZero()) {
                sim.run(rate, warmup.toMillis());
            }
            double warmupSeconds = (System.nanoTime() - w0) / 1e9;
            // The broker stamps the append time; its clock is this machine's.
            samples.measuredFromMs = System.currentTimeMillis();
            long committedAtStart = samples.committed.get();
            long cpuAtStart = processCpuNanos();
            window.started();
            long t0 = System.nanoTime();
            sim.run(rate, duration.toMillis());
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            long committedWhilePublishing = samples.committed.get() - committedAtStart;
            long published = sim.sentReadings();
            long drainDeadline = System.nanoTime() + drain.toNanos();
            while (samples.committed.get() < published && System.nanoTime() < drainDeadline) {
                Thread.sleep(100);
            }
            double drainSeconds = (System.nanoTime() - t0) / 1e9 - publishSeconds;
            long committedInWindow = samples.committed.get() - committedAtStart;
            double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
            window.ended();
            app.ingestor().stop();
            ingestor.join(TimeUnit.SECONDS.toMillis(60));
            List<AssetKey> assets = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                for (int k = 0; k < keys; k++) {
                    DeviceSimulator.Quantity q = DeviceSimulator.QUANTITIES.get(k);
                    assets.add(new AssetKey(sim.deviceId(d), q.key(), q.unit()));
                }
            }
            ChainAudit.Findings chain = ChainAudit.of(
                    app.ledger(), app.transactions(), assets, samples.confirmedTransactions(), topic, AUDIT_PER_ASSET);
            return new Result(
                    published,
                    samples.committed.get(),
                    publishSeconds,
                    committedWhilePublishing / publishSeconds,
                    drainSeconds,
                    samples.percentile(0.50),
                    samples.percentile(0.99),
                    samples.percentile(1.0),
                    samples.transactions.get(),
                    app.metrics().deadLetters(),
                    published - samples.distinct(),
                    samples.duplicates(),
                    warmupSeconds,
                    committedInWindow,
                    cpuSeconds,
                    samples.percentilesPer10Seconds(),
                    samples.percentilesPerStage(),
                    chain);
        }
    }

    /**
     * The run's own topics (readings, dead letters, heads), made for it and deleted with its consumer group when it
     * ends: they are of no use afterwards, and kept they piled up (707 partitions and 6.8 GB in {@code .run/kafka}
     * after a day of runs, all loaded by the broker at every start).
     */
    private static final class RunTopics implements AutoCloseable {
        private final IngestorConfig config;

        private RunTopics(IngestorConfig config) {
            this.config = config;
        }

        static RunTopics create(IngestorConfig config) throws Exception {
            try (Admin admin = admin(config)) {
                admin.createTopics(List.of(
                                new NewTopic(config.topic(), 4, (short) 1)
                                        .configs(Map.of("message.timestamp.type", "LogAppendTime")),
                                new NewTopic(config.deadLetterTopic(), 1, (short) 1),
                                new NewTopic(config.headsTopic(), 1, (short) 1)
                                        .configs(Map.of("cleanup.policy", "compact"))))
                        .all()
                        .get(60, TimeUnit.SECONDS);
            }
            return new RunTopics(config);
        }

        /** Deletes them; a failure is logged, not thrown: the run's figures matter more. */
        @Override
        public void close() throws InterruptedException {
            try (Admin admin = admin(config)) {
                admin.deleteConsumerGroups(List.of(config.group())).all().get(60, TimeUnit.SECONDS);
                admin.deleteTopics(List.of(config.topic(), config.deadLetterTopic(), config.headsTopic()))
                        .all()
                        .get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("the benchmark's topics {}* were not all deleted: {}", config.topic(), e.toString());
            }
        }

        private static Admin admin(IngestorConfig config) {
            return Admin.create(Map.<String, Object>of("bootstrap.servers", config.kafkaBootstrap()));
        }
    }

    /** This JVM's CPU time so far (all its threads, the JIT and GC too). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
