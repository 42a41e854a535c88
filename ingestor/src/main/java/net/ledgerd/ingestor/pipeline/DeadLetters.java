package net.ledgerd.ingestor.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import net.ledgerd.ingestor.readings.BadMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends a message the ingestor cannot use to the dead-letter topic: the original key and value unchanged, headers
 * {@code ledgerd.reason} (a {@link BadMessageException.Reason} code), {@code ledgerd.detail} (what is wrong),
 * {@code ledgerd.source.topic}, {@code ledgerd.source.partition} and {@code ledgerd.source.offset}. The source
 * offset is released only once Kafka has acknowledged the dead letter, so nothing is dropped silently.
 */
final class DeadLetters {
    private final Producer<byte[], byte[]> producer;
    private final String topic;

    DeadLetters(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Sends asynchronously; {@code done} gets null on success or the send's error (from the producer's thread). */
    void send(ConsumerRecord<byte[], byte[]> source, BadMessageException why, Consumer<Exception> done) {
        RecordHeaders h = new RecordHeaders();
        h.add("ledgerd.reason", why.reason().name().getBytes(StandardCharsets.UTF_8));
        h.add("ledgerd.detail", String.valueOf(why.getMessage()).getBytes(StandardCharsets.UTF_8));
        h.add("ledgerd.source.topic", source.topic().getBytes(StandardCharsets.UTF_8));
        h.add("ledgerd.source.partition", Integer.toString(source.partition()).getBytes(StandardCharsets.UTF_8));
        h.add("ledgerd.source.offset", Long.toString(source.offset()).getBytes(StandardCharsets.UTF_8));
        producer.send(
                new ProducerRecord<>(topic, null, source.key(), source.value(), h),
                (meta, error) -> done.accept(error));
    }
}
