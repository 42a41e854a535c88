package net.ledgerd.app.store;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Bloom filter of every committed transaction id, so that the duplicate check of a CREATE (every
 * CheckTx and DeliverTx of one) needs no database round trip when the answer is "not committed",
 * which is almost always. "Maybe" (about 1% of new ids) falls back to the lookup by {@code _id}.
 * Built from the {@code _id}s at open, then fed by each Commit; ids removed by a crash rollback
 * stay in it, which only costs a lookup. When more ids are committed than it was sized for, its
 * false-positive rate grows and the store rebuilds it larger.
 */
final class CommittedIds {
    private static final int HASHES = 7;
    private static final int BITS_PER_ID = 10;

    private final AtomicLongArray bits;
    private final long bitCount;
    private final long capacity;
    private long added;

    CommittedIds(long capacity) {
        this.capacity = Math.max(capacity, 1_000);
        this.bitCount = this.capacity * BITS_PER_ID;
        this.bits = new AtomicLongArray((int) ((bitCount + 63) / 64));
    }

    synchronized void add(String id) {
        long h1 = hash(id, 0x9E3779B97F4A7C15L);
        long h2 = hash(id, 0xC2B2AE3D27D4EB4FL) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bitCount);
            bits.getAndAccumulate((int) (bit >>> 6), 1L << (bit & 63), (a, b) -> a | b);
        }
        added++;
    }

    boolean mightContain(String id) {
        long h1 = hash(id, 0x9E3779B97F4A7C15L);
        long h2 = hash(id, 0xC2B2AE3D27D4EB4FL) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bitCount);
            if ((bits.get((int) (bit >>> 6)) & (1L << (bit & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether more ids were added than it was sized for. */
    synchronized boolean full() {
        return added > capacity;
    }

    // Any string: ids of refused transactions can be anything up to the id check, so no bits of the
    // hex are trusted to be random; a seeded 64-bit mix over the characters.
    private static long hash(String s, long seed) {
        long h = seed ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
            h ^= h >>> 29;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
