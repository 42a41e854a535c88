package net.ledgerd.app.store;

import org.bson.Document;
import org.bson.types.Binary;

/**
 * The layout of an asset's series tail ({@code t/<asset>}): per level {@code L} the index of its
 * current document ({@code iL}) and that document's slots ({@code bL}, packed as {@link
 * SeriesSlots}). Readings arrive mostly in time order, so a pass rewrites this one document instead
 * of one per level; a level's document is stored on its own ({@code s/<asset>/<level>/<doc>}) once
 * the tail moves past it. A (level, index) held here is read from here, never from its own id.
 */
final class SeriesTail {
    private SeriesTail() {}

    /** The index of the level's current document, or null when the tail has none for the level. */
    static Long index(Document tail, int level) {
        Object v = tail == null ? null : tail.get("i" + level);
        return v == null ? null : ((Number) v).longValue();
    }

    /** The slots of (level, index) if the tail holds that document, else null. */
    static SeriesSlots slots(Document tail, int level, long index) {
        Long current = index(tail, level);
        if (current == null || current != index) {
            return null;
        }
        return SeriesSlots.of(tail.get("b" + level, Binary.class));
    }

    static void put(Document tail, int level, long index, SeriesSlots slots) {
        tail.put("i" + level, index);
        tail.put("b" + level, slots.packed());
    }
}
