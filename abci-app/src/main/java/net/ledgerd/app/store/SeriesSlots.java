package net.ledgerd.app.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;

/**
 * The slots of one series document, as parallel arrays sorted by slot number: {@code i} the slot,
 * {@code n} how many numeric readings fell in it, {@code lo}/{@code hi} their minimum and maximum,
 * {@code s} their sum (added in commit order, so every member computes the same double).
 */
final class SeriesSlots {
    final List<Long> slot = new ArrayList<>();
    final List<Long> count = new ArrayList<>();
    final List<Double> min = new ArrayList<>();
    final List<Double> max = new ArrayList<>();
    final List<Double> sum = new ArrayList<>();

    static SeriesSlots of(Document doc) {
        SeriesSlots s = new SeriesSlots();
        List<?> i = doc.getList("i", Object.class, List.of());
        List<?> n = doc.getList("n", Object.class, List.of());
        List<?> lo = doc.getList("lo", Object.class, List.of());
        List<?> hi = doc.getList("hi", Object.class, List.of());
        List<?> sum = doc.getList("s", Object.class, List.of());
        for (int k = 0; k < i.size(); k++) {
            s.slot.add(((Number) i.get(k)).longValue());
            s.count.add(((Number) n.get(k)).longValue());
            s.min.add(((Number) lo.get(k)).doubleValue());
            s.max.add(((Number) hi.get(k)).doubleValue());
            s.sum.add(((Number) sum.get(k)).doubleValue());
        }
        return s;
    }

    void add(long slotNumber, double value) {
        int k = Collections.binarySearch(slot, slotNumber);
        if (k >= 0) {
            count.set(k, count.get(k) + 1);
            min.set(k, Math.min(min.get(k), value));
            max.set(k, Math.max(max.get(k), value));
            sum.set(k, sum.get(k) + value);
        } else {
            int at = -k - 1;
            slot.add(at, slotNumber);
            count.add(at, 1L);
            min.add(at, value);
            max.add(at, value);
            sum.add(at, value);
        }
    }

    void writeTo(Document doc) {
        doc.put("i", slot);
        doc.put("n", count);
        doc.put("lo", min);
        doc.put("hi", max);
        doc.put("s", sum);
    }
}
