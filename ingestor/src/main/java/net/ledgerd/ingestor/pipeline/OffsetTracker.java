package net.ledgerd.ingestor.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed to Kafka: per partition, the messages consumed whose readings are not all on chain
 * yet (or, for a bad message, not yet in the dead-letter topic). The committable offset is the first such message,
 * or the one after the last consumed message when none is outstanding; so a committed offset never passes a
 * reading that is not on the ledger. Used by the consumer thread only.
 */
final class OffsetTracker {
    private static final class Partition {
        final TreeMap<Long, Integer> outstanding = new TreeMap<>();
        long next = -1;
        long committed = -1;
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /** A message at {@code offset} with {@code parts} pieces of work (assets or a dead letter) still to finish. */
    void consumed(TopicPartition tp, long offset, int parts) {
        Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
        p.next = Math.max(p.next, offset + 1);
        if (parts > 0) {
            p.outstanding.merge(offset, parts, Integer::sum);
        }
    }

    /** One piece of the message at {@code offset} is done (on chain, covered, or dead-lettered). */
    void done(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        if (p == null) {
            return; // the partition was revoked meanwhile; its new owner re-reads the message
        }
        p.outstanding.computeIfPresent(offset, (k, n) -> n == 1 ? null : n - 1);
    }

    /** Offsets that moved since the last commit. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        partitions.forEach((tp, p) -> {
            if (p.next < 0) {
                return;
            }
            long c = p.outstanding.isEmpty() ? p.next : p.outstanding.firstKey();
            if (c > p.committed) {
                result.put(tp, new OffsetAndMetadata(c));
            }
        });
        return result;
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            Partition p = partitions.get(tp);
            if (p != null) {
                p.committed = Math.max(p.committed, o.offset());
            }
        });
    }

    void forget(TopicPartition tp) {
        partitions.remove(tp);
    }

    /** Messages consumed whose work is not finished, over all partitions. */
    int outstandingMessages() {
        return partitions.values().stream().mapToInt(p -> p.outstanding.size()).sum();
    }
}
