package net.ledgerd.ingestor.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
        int[] read = {0};
        try {
            TopicReader.readToEnd(bootstrap, topic, timeout, r -> {
                if (r.key() != null && r.value() != null) {
                    heads.put(
                            new String(r.key(), StandardCharsets.US_ASCII),
                            new String(r.value(), StandardCharsets.US_ASCII));
                    read[0]++;
                }
            });
        } catch (RuntimeException e) {
            log.warn(
                    "cannot read the head hints from {} ({}); assets are looked up in the ledger's history",
                    topic,
                    e.toString());
            return;
        }
        log.info("read {} head hints from {}", read[0], topic);
    }
}
