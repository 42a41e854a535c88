package net.ledgerd.ingestor.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each asset's chain ended when last seen: a compacted Kafka topic, asset id → id of its last committed
 * transaction, written after each confirmation and read back whenever partitions are assigned. Only a hint, to
 * avoid asking the ledger for an asset's whole history (a scan on a database without an index on asset.id): the
 * hinted transaction is fetched from the ledger by id, and a hint that is stale (a crash between a commit on chain
 * and its hint) makes the next TRANSFER spend a spent output, which the ledger refuses; the asset's head is then
 * read from its history. Correctness never rests on the hint.
 */
final class HeadHints {
    private static final Logger log = LoggerFactory.getLogger(HeadHints.class);

    private final String bootstrap;
    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final Map<String, String> heads = new ConcurrentHashMap<>();

    HeadHints(String bootstrap, String topic, Producer<byte[], byte[]> producer) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.producer = producer;
    }

    String get(String assetId) {
        return heads.get(assetId);
    }

    void record(String assetId, String transactionId) {
        heads.put(assetId, transactionId);
        producer.send(
                new ProducerRecord<>(
                        topic,
                        assetId.getBytes(StandardCharsets.US_ASCII),
                        transactionId.getBytes(StandardCharsets.US_ASCII)),
                (meta, error) -> {
                    if (error != null) {
                        log.warn(
                                "cannot write the head hint of asset {} ({}); a restart reads its history",
                                assetId,
                                error.toString());
                    }
                });
    }

    /** Reads the whole topic (bounded by {@code timeout}); what other instances wrote replaces what is known here. */
    void reload(Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        int read = 0;
        try (var c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .collect(Collectors.toList());
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            while (System.nanoTime() < deadline && parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.value() != null) {
                        heads.put(
                                new String(r.key(), StandardCharsets.US_ASCII),
                                new String(r.value(), StandardCharsets.US_ASCII));
                        read++;
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn(
                    "cannot read the head hints from {} ({}); assets are looked up in the ledger's history",
                    topic,
                    e.toString());
            return;
        }
        log.info("read {} head hints from {}", read, topic);
    }
}
