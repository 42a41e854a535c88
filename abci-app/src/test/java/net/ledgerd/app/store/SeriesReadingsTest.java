package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesReadingsTest {
    @Test
    void readingsGroupPerDocumentInTheOrderOfTheirFirstReadingEachInCommitOrder() {
        SeriesReadings readings = new SeriesReadings();
        // Level 0: one document holds 500 ms. Out of order across documents and within one.
        long[] millis = {1_000, 1_499, 999, 1_000, 500, 1_500, 1_001, -1, 0};
        for (int i = 0; i < millis.length; i++) {
            readings.add(millis[i], i);
        }
        List<SeriesReadings.Group> groups = readings.byDocument(0);
        assertEquals(
                List.of(2L, 1L, 3L, -1L, 0L),
                groups.stream().map(SeriesReadings.Group::index).toList());
        assertArrayEquals(new long[] {1_000, 1_499, 1_000, 1_001}, groups.get(0).slots());
        assertArrayEquals(new double[] {0, 1, 3, 6}, groups.get(0).values());
        assertArrayEquals(new long[] {999, 500}, groups.get(1).slots());
        assertArrayEquals(new double[] {2, 4}, groups.get(1).values());
        assertArrayEquals(new long[] {-1}, groups.get(3).slots());
    }

    @Test
    void aCoarserLevelPutsTheSameReadingsInFewerSlotsAndDocuments() {
        SeriesReadings readings = new SeriesReadings();
        for (int i = 0; i < 300; i++) {
            readings.add(4_999_000L + 7 * i, i); // crosses 5,000,000 ms: a level-1 document boundary
        }
        List<SeriesReadings.Group> level1 = readings.byDocument(1);
        assertEquals(
                List.of(999L, 1000L),
                level1.stream().map(SeriesReadings.Group::index).toList());
        assertEquals(300, level1.get(0).size() + level1.get(1).size());
        assertEquals(499_999L, level1.get(0).slots()[level1.get(0).size() - 1]);
        List<SeriesReadings.Group> level9 = readings.byDocument(9);
        assertEquals(1, level9.size());
        assertEquals(0L, level9.get(0).index());
        assertEquals(300, level9.get(0).size());
        assertEquals(299.0, level9.get(0).values()[299]);
    }

    @Test
    void noReadingsNoGroups() {
        SeriesReadings readings = new SeriesReadings();
        assertEquals(true, readings.isEmpty());
        assertEquals(List.of(), readings.byDocument(3));
    }
}
