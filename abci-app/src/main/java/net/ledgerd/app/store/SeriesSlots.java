package net.ledgerd.app.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The slots of one series document, sorted by slot number: the slot, how many numeric readings fell
 * in it, their minimum, maximum and sum (added in commit order, so every member computes the same
 * double). Stored packed as one binary value of 40 bytes a slot ({@code b}): FerretDB reads one
 * binary value many times faster than the same numbers as arrays.
 */
final class SeriesSlots {
    private static final int SLOT_BYTES = 40;

    final List<Long> slot = new ArrayList<>();
    final List<Long> count = new ArrayList<>();
    final List<Double> min = new ArrayList<>();
    final List<Double> max = new ArrayList<>();
    final List<Double> sum = new ArrayList<>();

    static SeriesSlots of(Document doc) {
        return of(doc.get("b", Binary.class));
    }

    /** The slots packed in {@code packed} (none when null). */
    static SeriesSlots of(Binary packed) {
        SeriesSlots s = new SeriesSlots();
        if (packed != null) {
            ByteBuffer b = ByteBuffer.wrap(packed.getData());
            while (b.remaining() >= SLOT_BYTES) {
                s.slot.add(b.getLong());
                s.count.add(b.getLong());
                s.min.add(b.getDouble());
                s.max.add(b.getDouble());
                s.sum.add(b.getDouble());
            }
        }
        return s;
    }

    int size() {
        return slot.size();
    }

    /**
     * Adds a reading to its slot; a slot this holds no aggregate for starts from {@code base}'s (the
     * stored document the tail's part lies over), so the part carries the slot's full aggregate.
     */
    void add(long slotNumber, double value, SeriesSlots base) {
        int k = Collections.binarySearch(slot, slotNumber);
        int b = k < 0 ? Collections.binarySearch(base.slot, slotNumber) : -1;
        if (b >= 0) {
            insert(-k - 1, slotNumber, base.count.get(b), base.min.get(b), base.max.get(b), base.sum.get(b));
        }
        add(slotNumber, value);
    }

    /** {@code base}'s slots with those of {@code over} in place of the ones of the same number. */
    static SeriesSlots merged(SeriesSlots base, SeriesSlots over) {
        SeriesSlots m = new SeriesSlots();
        int i = 0;
        for (int j = 0; j < over.size(); j++) {
            long s = over.slot.get(j);
            for (; i < base.size() && base.slot.get(i) < s; i++) {
                m.append(base, i);
            }
            if (i < base.size() && base.slot.get(i) == s) {
                i++;
            }
            m.append(over, j);
        }
        for (; i < base.size(); i++) {
            m.append(base, i);
        }
        return m;
    }

    private void append(SeriesSlots from, int k) {
        insert(size(), from.slot.get(k), from.count.get(k), from.min.get(k), from.max.get(k), from.sum.get(k));
    }

    private void insert(int at, long slotNumber, long n, double lo, double hi, double total) {
        slot.add(at, slotNumber);
        count.add(at, n);
        min.add(at, lo);
        max.add(at, hi);
        sum.add(at, total);
    }

    void add(long slotNumber, double value) {
        int k = Collections.binarySearch(slot, slotNumber);
        if (k >= 0) {
            count.set(k, count.get(k) + 1);
            min.set(k, Math.min(min.get(k), value));
            max.set(k, Math.max(max.get(k), value));
            sum.set(k, sum.get(k) + value);
        } else {
            insert(-k - 1, slotNumber, 1L, value, value, value);
        }
    }

    void writeTo(Document doc) {
        doc.put("b", packed());
    }

    Binary packed() {
        ByteBuffer b = ByteBuffer.allocate(slot.size() * SLOT_BYTES);
        for (int k = 0; k < slot.size(); k++) {
            b.putLong(slot.get(k))
                    .putLong(count.get(k))
                    .putDouble(min.get(k))
                    .putDouble(max.get(k))
                    .putDouble(sum.get(k));
        }
        return new Binary(b.array());
    }
}
