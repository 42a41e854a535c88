package net.ledgerd.app.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The slots of one series document, sorted by slot number: the slot, how many numeric readings fell
 * in it, their minimum, maximum and sum (added in commit order, so every member computes the same
 * double). Stored packed as one binary value of 40 bytes a slot ({@code b}): FerretDB reads one
 * binary value many times faster than the same numbers as arrays.
 *
 * <p>Kept in primitive arrays: a pass adds every reading at every level, and readings mostly arrive
 * in time order, so the common add is to the last slot or a new last one, without a search.
 */
final class SeriesSlots {
    private static final int SLOT_BYTES = 40;

    private long[] slot;
    private long[] count;
    private double[] min;
    private double[] max;
    private double[] sum;
    private int size;

    SeriesSlots() {
        this(8);
    }

    private SeriesSlots(int capacity) {
        slot = new long[capacity];
        count = new long[capacity];
        min = new double[capacity];
        max = new double[capacity];
        sum = new double[capacity];
    }

    static SeriesSlots of(Document doc) {
        return of(doc.get("b", Binary.class));
    }

    /** The slots packed in {@code packed} (none when null). */
    static SeriesSlots of(Binary packed) {
        if (packed == null) {
            return new SeriesSlots();
        }
        ByteBuffer b = ByteBuffer.wrap(packed.getData());
        SeriesSlots s = new SeriesSlots(Math.max(8, b.remaining() / SLOT_BYTES + 8));
        while (b.remaining() >= SLOT_BYTES) {
            s.append(b.getLong(), b.getLong(), b.getDouble(), b.getDouble(), b.getDouble());
        }
        return s;
    }

    int size() {
        return size;
    }

    long slot(int k) {
        return slot[k];
    }

    long count(int k) {
        return count[k];
    }

    double min(int k) {
        return min[k];
    }

    double max(int k) {
        return max[k];
    }

    double sum(int k) {
        return sum[k];
    }

    /**
     * Adds a reading to its slot; a slot this holds no aggregate for starts from {@code base}'s (the
     * stored document the tail's part lies over), so the part carries the slot's full aggregate.
     */
    void add(long slotNumber, double value, SeriesSlots base) {
        int k = find(slotNumber);
        if (k < 0) {
            int b = base.find(slotNumber);
            if (b >= 0) {
                insert(-k - 1, slotNumber, base.count[b], base.min[b], base.max[b], base.sum[b]);
            }
        }
        add(slotNumber, value);
    }

    void add(long slotNumber, double value) {
        int k = find(slotNumber);
        if (k >= 0) {
            count[k]++;
            min[k] = Math.min(min[k], value);
            max[k] = Math.max(max[k], value);
            sum[k] = sum[k] + value;
        } else {
            insert(-k - 1, slotNumber, 1L, value, value, value);
        }
    }

    /**
     * Where {@code slotNumber} is, as {@link Arrays#binarySearch(long[], long)} says it: the last
     * slot and past it answered first, the common case.
     */
    private int find(long slotNumber) {
        if (size == 0) {
            return -1;
        }
        long last = slot[size - 1];
        if (slotNumber == last) {
            return size - 1;
        }
        if (slotNumber > last) {
            return -size - 1;
        }
        return Arrays.binarySearch(slot, 0, size - 1, slotNumber);
    }

    /** {@code base}'s slots with those of {@code over} in place of the ones of the same number. */
    static SeriesSlots merged(SeriesSlots base, SeriesSlots over) {
        SeriesSlots m = new SeriesSlots(base.size + over.size + 8);
        int i = 0;
        for (int j = 0; j < over.size; j++) {
            long s = over.slot[j];
            for (; i < base.size && base.slot[i] < s; i++) {
                m.append(base, i);
            }
            if (i < base.size && base.slot[i] == s) {
                i++;
            }
            m.append(over, j);
        }
        for (; i < base.size; i++) {
            m.append(base, i);
        }
        return m;
    }

    private void append(SeriesSlots from, int k) {
        append(from.slot[k], from.count[k], from.min[k], from.max[k], from.sum[k]);
    }

    private void append(long slotNumber, long n, double lo, double hi, double total) {
        insert(size, slotNumber, n, lo, hi, total);
    }

    private void insert(int at, long slotNumber, long n, double lo, double hi, double total) {
        if (size == slot.length) {
            int capacity = 2 * size;
            slot = Arrays.copyOf(slot, capacity);
            count = Arrays.copyOf(count, capacity);
            min = Arrays.copyOf(min, capacity);
            max = Arrays.copyOf(max, capacity);
            sum = Arrays.copyOf(sum, capacity);
        }
        if (at < size) {
            System.arraycopy(slot, at, slot, at + 1, size - at);
            System.arraycopy(count, at, count, at + 1, size - at);
            System.arraycopy(min, at, min, at + 1, size - at);
            System.arraycopy(max, at, max, at + 1, size - at);
            System.arraycopy(sum, at, sum, at + 1, size - at);
        }
        slot[at] = slotNumber;
        count[at] = n;
        min[at] = lo;
        max[at] = hi;
        sum[at] = total;
        size++;
    }

    void writeTo(Document doc) {
        doc.put("b", packed());
    }

    Binary packed() {
        ByteBuffer b = ByteBuffer.allocate(size * SLOT_BYTES);
        for (int k = 0; k < size; k++) {
            b.putLong(slot[k])
                    .putLong(count[k])
                    .putDouble(min[k])
                    .putDouble(max[k])
                    .putDouble(sum[k]);
        }
        return new Binary(b.array());
    }
}
