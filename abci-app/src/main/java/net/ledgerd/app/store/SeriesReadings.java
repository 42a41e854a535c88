package net.ledgerd.app.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An asset's numeric readings of one block, in commit order, as the series take them: per level,
 * grouped by the series document their slot falls in. Readings mostly arrive in time order, so a
 * level's readings fall in one or two documents, and the grouping is one walk over two columns.
 */
final class SeriesReadings {
    private long[] millis = new long[64];
    private double[] values = new double[64];
    private int size;

    void add(long readingMillis, double value) {
        if (size == millis.length) {
            millis = Arrays.copyOf(millis, 2 * size);
            values = Arrays.copyOf(values, 2 * size);
        }
        millis[size] = readingMillis;
        values[size] = value;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The readings of one series document at one level: their slots and values, in commit order. */
    record Group(long index, long[] slots, double[] values) {
        int size() {
            return slots.length;
        }
    }

    /**
     * The readings at {@code level}, grouped by the index of the document their slot falls in: the
     * groups in the order of their first reading, each in commit order (the order every member adds
     * a slot's values in, so its sum is the same double everywhere).
     */
    List<Group> byDocument(int level) {
        long width = SeriesLevels.width(level);
        long[] slots = new long[size];
        int[] groupOf = new int[size];
        List<Long> indexes = new ArrayList<>();
        Map<Long, Integer> groups = new HashMap<>();
        int[] counts = new int[4];
        int group = -1;
        long index = 0;
        for (int i = 0; i < size; i++) {
            slots[i] = Math.floorDiv(millis[i], width);
            long docIndex = SeriesLevels.docIndex(slots[i]);
            if (group < 0 || docIndex != index) {
                index = docIndex;
                group = groups.computeIfAbsent(docIndex, k -> {
                    indexes.add(k);
                    return indexes.size() - 1;
                });
                if (group == counts.length) {
                    counts = Arrays.copyOf(counts, 2 * group);
                }
            }
            groupOf[i] = group;
            counts[group]++;
        }
        List<Group> result = new ArrayList<>(indexes.size());
        for (int g = 0; g < indexes.size(); g++) {
            result.add(new Group(indexes.get(g), new long[counts[g]], new double[counts[g]]));
        }
        int[] filled = new int[indexes.size()];
        for (int i = 0; i < size; i++) {
            Group g = result.get(groupOf[i]);
            int k = filled[groupOf[i]]++;
            g.slots()[k] = slots[i];
            g.values()[k] = values[i];
        }
        return result;
    }
}
