package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class HistoryDocumentCacheTest {
    private static Document doc(String id, int textBytes) {
        return new Document("_id", id).append("e", "x".repeat(textBytes));
    }

    @Test
    void manySmallDocumentsDoNotPushOutOneThatIsStillUsed() {
        HistoryDocumentCache cache = new HistoryDocumentCache(1_000_000);
        cache.put("o/owner/a", doc("o/owner/a", 100));
        for (int i = 0; i < 5_000; i++) { // more than the former bound of 8,192 documents would keep in two passes
            cache.put("h/" + i, doc("h/" + i, 50));
            if (i % 1_000 == 0) {
                assertNotNull(cache.get("o/owner/a"), "an owner shard read every pass stays");
            }
        }
        assertNotNull(cache.get("o/owner/a"));
        assertTrue(cache.weight() <= 1_000_000);
    }

    @Test
    void theLeastRecentlyUsedGoFirstOnceTheBudgetIsReached() {
        long one = HistoryDocumentCache.weigh(doc("p/1", 1_000));
        HistoryDocumentCache cache = new HistoryDocumentCache(3 * one);
        cache.put("p/1", doc("p/1", 1_000));
        cache.put("p/2", doc("p/2", 1_000));
        cache.put("p/3", doc("p/3", 1_000));
        cache.get("p/1");
        cache.put("p/4", doc("p/4", 1_000));
        assertNull(cache.get("p/2"), "the least recently used one left");
        assertNotNull(cache.get("p/1"));
        assertNotNull(cache.get("p/3"));
        assertNotNull(cache.get("p/4"));
        assertEquals(3 * one, cache.weight());
    }

    @Test
    void aDocumentThatGrewIsWeighedAgainWhenPutAgain() {
        HistoryDocumentCache cache = new HistoryDocumentCache(9_200);
        cache.put("p/1", doc("p/1", 100));
        cache.put("p/2", doc("p/2", 100));
        cache.put("p/1", doc("p/1", 9_000)); // a page filled up
        assertNull(cache.get("p/2"), "the other one made room");
        assertEquals(1, cache.size());
        assertEquals(HistoryDocumentCache.weigh(doc("p/1", 9_000)), cache.weight());
        cache.clear();
        assertEquals(0, cache.weight());
        assertNull(cache.get("p/1"));
    }
}
