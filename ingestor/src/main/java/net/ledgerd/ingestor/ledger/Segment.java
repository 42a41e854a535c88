package net.ledgerd.ingestor.ledger;

import java.util.List;
import net.ledgerd.ingestor.readings.Reading;
import org.apache.kafka.common.TopicPartition;

/**
 * The readings of one asset from one Kafka message, with where they came from and when Kafka appended the message.
 * A message's readings of one asset always travel in one transaction, so coverage can be counted in messages.
 */
public record Segment(TopicPartition source, long offset, long appendTimeMs, List<Reading> readings) {}
