package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeriesSlotsTest {
    /** A slot's aggregate as a plain computation over its readings in order gives it. */
    private record Aggregate(long count, double min, double max, double sum) {
        Aggregate plus(double v) {
            return new Aggregate(count + 1, Math.min(min, v), Math.max(max, v), sum + v);
        }
    }

    private static byte[] packed(TreeMap<Long, Aggregate> slots) {
        ByteBuffer b = ByteBuffer.allocate(40 * slots.size());
        slots.forEach((s, a) ->
                b.putLong(s).putLong(a.count).putDouble(a.min).putDouble(a.max).putDouble(a.sum));
        return b.array();
    }

    @Test
    void readingsInAnyOrderGiveEachSlotTheAggregateOfItsReadingsInCommitOrder() {
        Random random = new Random(5);
        for (int run = 0; run < 200; run++) {
            SeriesSlots slots = new SeriesSlots();
            TreeMap<Long, Aggregate> expected = new TreeMap<>();
            long clock = random.nextInt(100) - 50;
            for (int i = 0, n = random.nextInt(400); i < n; i++) {
                // Mostly in time order, equal slots often, now and then an earlier or much later one.
                int step = random.nextInt(10);
                long slot = step == 0 ? clock - random.nextInt(100) : step == 1 ? clock + random.nextInt(1000) : clock;
                clock += random.nextInt(3);
                double v = random.nextInt(20) == 0 ? -0.0 : random.nextGaussian();
                slots.add(slot, v);
                expected.merge(slot, new Aggregate(1, v, v, v), (a, b) -> a.plus(v));
            }
            assertArrayEquals(packed(expected), slots.packed().getData());
            assertArrayEquals(
                    packed(expected), SeriesSlots.of(slots.packed()).packed().getData());
        }
    }

    @Test
    void aSlotNewToThePartStartsFromTheBasesAggregate() {
        SeriesSlots base = new SeriesSlots();
        base.add(10, 1.0);
        base.add(20, 5.0);
        base.add(20, 7.0);
        base.add(30, 3.0);
        SeriesSlots part = new SeriesSlots();
        part.add(25, 4.0, base); // not in the base: starts empty
        part.add(20, 2.0, base); // before the part's last slot, in the base
        part.add(20, 9.0, base);
        part.add(31, 1.0, base); // past the base's last slot
        part.add(30, 8.0, base);
        TreeMap<Long, Aggregate> expected = new TreeMap<>(Map.of(
                20L, new Aggregate(4, 2.0, 9.0, 5.0 + 7.0 + 2.0 + 9.0),
                25L, new Aggregate(1, 4.0, 4.0, 4.0),
                30L, new Aggregate(2, 3.0, 8.0, 11.0),
                31L, new Aggregate(1, 1.0, 1.0, 1.0)));
        assertArrayEquals(packed(expected), part.packed().getData());
        SeriesSlots whole = SeriesSlots.merged(base, part);
        assertEquals(5, whole.size());
        assertEquals(10L, whole.slot(0));
        assertEquals(4L, whole.count(1));
        assertEquals(11.0, whole.sum(3), 0);
        assertEquals(1.0, whole.sum(0), 0);
    }
}
