package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;

/**
 * The time grid of the pre-aggregated readings series: level {@code L} cuts time into slots of
 * {@code 10^L} ms, stored from {@link #FINEST} (100 ms) up to about 11.6 days, and one stored
 * document holds {@link #SLOTS_PER_DOC} consecutive slots of one level. A range is answered at the
 * finest level that gives at most the asked number of slots, so it reads at most {@code points /
 * SLOTS_PER_DOC + 2} documents, each by {@code _id}.
 */
public final class SeriesLevels {
    /** Levels below {@link #FINEST} are not stored; the numbering keeps a level's width at {@code 10^L} ms. */
    public static final int LEVELS = 10;
    /**
     * The finest stored level, slots of 100 ms. The 1 ms and 10 ms levels held about a slot per reading of a device
     * reporting many times a second, a copy of every reading: 95% of the series bytes the ingestor benchmark wrote
     * (49.5 of 52.3 MB for 800,000 readings of 60 assets), for a resolution that at most {@value #MAX_POINTS} points
     * need only over ranges under 20 s. Readings closer than 100 ms share a point, with their count, minimum, maximum
     * and mean.
     */
    public static final int FINEST = 2;

    public static final int SLOTS_PER_DOC = 500;
    public static final int MAX_POINTS = 2000;
    /** A numeric {@code t} below this is taken as epoch seconds, at or above as epoch milliseconds. */
    static final long SECONDS_LIMIT = 100_000_000_000L;

    private SeriesLevels() {}

    public static long width(int level) {
        long w = 1;
        for (int i = 0; i < level; i++) {
            w *= 10;
        }
        return w;
    }

    /** The finest level whose slots from {@code from} to {@code to} (ms, inclusive) number at most {@code points}. */
    public static int levelFor(long from, long to, int points) {
        for (int level = FINEST; level < LEVELS; level++) {
            long w = width(level);
            if (Math.floorDiv(to, w) - Math.floorDiv(from, w) + 1 <= points) {
                return level;
            }
        }
        return LEVELS - 1;
    }

    static long slot(long millis, int level) {
        return Math.floorDiv(millis, width(level));
    }

    static long docIndex(long slot) {
        return Math.floorDiv(slot, SLOTS_PER_DOC);
    }

    static String docId(String assetId, int level, long docIndex) {
        return assetId + "/" + level + "/" + docIndex;
    }

    /**
     * A reading's {@code t} in epoch milliseconds: an integer is epoch seconds below 10^11 and epoch
     * milliseconds above (the ingestor keeps {@code t} as the device sent it); a string is read as
     * an ISO-8601 date-time with offset. Anything else has no place on the time axis.
     */
    public static OptionalLong millis(JsonNode t) {
        if (t == null) {
            return OptionalLong.empty();
        }
        if (t.isIntegralNumber() && t.canConvertToLong()) {
            long v = t.longValue();
            if (Math.abs(v) < SECONDS_LIMIT) {
                return OptionalLong.of(v * 1000);
            }
            return OptionalLong.of(v);
        }
        if (t.isFloatingPointNumber() && Double.isFinite(t.doubleValue())) {
            double v = t.doubleValue();
            return OptionalLong.of(Math.round(Math.abs(v) < SECONDS_LIMIT ? v * 1000 : v));
        }
        if (t.isTextual()) {
            try {
                return OptionalLong.of(OffsetDateTime.parse(t.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant()
                        .toEpochMilli());
            } catch (DateTimeException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
