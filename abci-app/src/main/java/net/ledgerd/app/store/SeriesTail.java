package net.ledgerd.app.store;

import org.bson.Document;
import org.bson.types.Binary;

/**
 * The layout of an asset's series tail ({@code t/<asset>}): per level {@code L} the index of its
 * current document ({@code iL}) and a part of that document's slots ({@code bL}, packed as {@link
 * SeriesSlots}): those changed since the document was last stored on its own ({@code
 * s/<asset>/<level>/<doc>}), each with its full aggregate. Readings arrive mostly in time order,
 * so a pass rewrites this one document, and the part keeps it small however full the current
 * documents are; the writer stores a part on its own once it grows past {@link #PART_SLOTS}, and
 * the whole document once the tail moves past it.
 *
 * <p>The current document is its own stored slots with the part's in place of those of the same
 * number ({@link #current}). A tail of the former layout, whose part is the whole document, means
 * the same. The one exception: an own document written at a later height than the tail already
 * holds the part (a pass stopped after storing it and before writing the tail) and is the whole
 * current document.
 */
final class SeriesTail {
    /**
     * The most slots a level's part keeps after a block: past it the part goes into the own document.
     * Each pass rewrites the parts of all levels, each flush a whole own document (up to {@value
     * SeriesLevels#SLOTS_PER_DOC} slots), so a small part costs many flushes and a large one a large
     * tail; with a steady stream filling a 100 ms level, this keeps both to a few KB a pass.
     */
    static final int PART_SLOTS = 64;

    private SeriesTail() {}

    /** The index of the level's current document, or null when the tail has none for the level. */
    static Long index(Document tail, int level) {
        Object v = tail == null ? null : tail.get("i" + level);
        return v == null ? null : ((Number) v).longValue();
    }

    /** The level's part (empty when the tail has none). */
    static SeriesSlots part(Document tail, int level) {
        return SeriesSlots.of(tail == null ? null : tail.get("b" + level, Binary.class));
    }

    /**
     * The slots of (level, index) as stored: for the tail's current document its own document (null:
     * none stored) with the tail's part over it, for any other its own document alone.
     */
    static SeriesSlots current(Document tail, int level, long index, Document own) {
        Long current = index(tail, level);
        SeriesSlots stored = SeriesSlots.of(own == null ? new Document() : own);
        if (current == null || current != index || height(own) > height(tail)) {
            return stored;
        }
        return SeriesSlots.merged(stored, part(tail, level));
    }

    private static long height(Document d) {
        Object h = d == null ? null : d.get("h");
        return h == null ? -1 : ((Number) h).longValue();
    }

    /**
     * Drops the levels finer than {@link SeriesLevels#FINEST} that a tail of an earlier version holds, which no
     * reader asks for; their own documents are left where they are, never read again.
     */
    static void dropUnstoredLevels(Document tail) {
        for (int level = 0; level < SeriesLevels.FINEST; level++) {
            tail.remove("i" + level);
            tail.remove("b" + level);
        }
    }

    static void put(Document tail, int level, long index, SeriesSlots part) {
        tail.put("i" + level, index);
        tail.put("b" + level, part.packed());
    }
}
