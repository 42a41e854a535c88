package net.ledgerd.app.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The history documents the writer wrote last, least recently used first out, bounded by their
 * size rather than their number: a bench of new assets makes thousands of small heads, pages and
 * device documents a pass, and a count bound let them push out the owner shards the next pass
 * reads again (each miss a FerretDB query); a size bound keeps those and still caps the memory
 * when pages and series tails are large.
 */
final class HistoryDocumentCache {
    /** What a document weighs besides its strings and binaries. */
    private static final int OVERHEAD = 64;

    private final long budgetBytes;
    private final LinkedHashMap<String, Weighed> documents = new LinkedHashMap<>(1024, 0.75f, true);
    private long weight;

    private record Weighed(Document document, long weight) {}

    HistoryDocumentCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    synchronized Document get(String id) {
        Weighed w = documents.get(id);
        return w == null ? null : w.document();
    }

    synchronized void put(String id, Document document) {
        Weighed now = new Weighed(document, weigh(document));
        Weighed before = documents.put(id, now);
        weight += now.weight() - (before == null ? 0 : before.weight());
        Iterator<Weighed> eldest = documents.values().iterator();
        while (weight > budgetBytes && eldest.hasNext()) {
            weight -= eldest.next().weight();
            eldest.remove();
        }
    }

    synchronized void clear() {
        documents.clear();
        weight = 0;
    }

    synchronized long weight() {
        return weight;
    }

    synchronized int size() {
        return documents.size();
    }

    /** The bytes of its strings and binaries (entries, shards and slots are stored as those), one level deep. */
    static long weigh(Document document) {
        long w = OVERHEAD;
        for (Map.Entry<String, Object> e : document.entrySet()) {
            w += e.getKey().length();
            Object v = e.getValue();
            if (v instanceof String s) {
                w += s.length();
            } else if (v instanceof Binary b) {
                w += b.length();
            } else if (v instanceof List<?> list) {
                w += (long) OVERHEAD * list.size();
            } else {
                w += 16;
            }
        }
        return w;
    }
}
