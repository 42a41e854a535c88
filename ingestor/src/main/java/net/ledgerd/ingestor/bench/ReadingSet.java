package net.ledgerd.ingestor.bench;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The readings of one topic a benchmark has seen, each identified by partition, message offset and index in the
 * message: one bit per reading (offset x 1024 + index) per partition, since a set of boxed longs cost ~3% of the
 * benchmark JVM. Counts the distinct readings and those seen again.
 */
final class ReadingSet {
    private final Map<Integer, BitSet> seen = new HashMap<>();
    private long distinct;
    private long repeated;

    /**
     * Adds a reading; false if it was seen before. Its position (offset x 1024 + index) is what "in order" compares.
     */
    boolean add(int partition, long offset, int index) {
        // message.max_readings stays below 2^10 and offsets below 2^21 in any benchmark run
        if (offset >= 1 << 21 || index >= 1 << 10) {
            throw new IllegalStateException(
                    "reading " + index + " of offset " + offset + " is beyond what the benchmark counts");
        }
        BitSet bits = seen.computeIfAbsent(partition, p -> new BitSet());
        int bit = (int) position(offset, index);
        if (bits.get(bit)) {
            repeated++;
            return false;
        }
        bits.set(bit);
        distinct++;
        return true;
    }

    /** Where a reading falls in its partition's order. */
    static long position(long offset, int index) {
        return (offset << 10) | index;
    }

    long distinct() {
        return distinct;
    }

    long repeated() {
        return repeated;
    }
}
