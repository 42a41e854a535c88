package net.ledgerd.ingestor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final TopicPartition TP = new TopicPartition("readings", 0);

    @Test
    void neverCommitsPastAMessageWhoseReadingsAreNotAllOnChain() {
        OffsetTracker t = new OffsetTracker();
        t.consumed(TP, 10, 2);
        t.consumed(TP, 11, 1);
        t.consumed(TP, 12, 0);
        assertEquals(10, t.committable().get(TP).offset());
        t.done(TP, 11);
        t.done(TP, 10);
        assertEquals(10, t.committable().get(TP).offset(), "one asset of message 10 is still outstanding");
        t.done(TP, 10);
        assertEquals(13, t.committable().get(TP).offset());
        t.committed(t.committable());
        assertTrue(t.committable().isEmpty());
        t.forget(TP);
        t.done(TP, 13);
        assertTrue(t.committable().isEmpty());
    }
}
