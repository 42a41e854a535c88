package net.ledgerd.ingestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadingSetTest {
    @Test
    void aReadingIsTheSameOnlyWithTheSamePartitionOffsetAndIndex() {
        ReadingSet set = new ReadingSet();
        assertTrue(set.add(0, 5, 1));
        assertTrue(set.add(1, 5, 1));
        assertTrue(set.add(0, 5, 2));
        assertTrue(set.add(0, 6, 1));
        assertFalse(set.add(0, 5, 1));
        assertEquals(4, set.distinct());
        assertEquals(1, set.repeated());
    }

    @Test
    void positionsFollowOffsetThenIndex() {
        assertTrue(ReadingSet.position(5, 1023) < ReadingSet.position(6, 0));
        assertTrue(ReadingSet.position(5, 1) < ReadingSet.position(5, 2));
    }

    @Test
    void aReadingBeyondWhatTheBitsHoldIsRefusedRatherThanMiscounted() {
        ReadingSet set = new ReadingSet();
        assertThrows(IllegalStateException.class, () -> set.add(0, 1 << 21, 0));
        assertThrows(IllegalStateException.class, () -> set.add(0, 0, 1 << 10));
    }
}
