package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;

/**
 * A history page's entries text ({@code e}, see {@link HistoryEntries#pageEntries}) as a pass
 * appends to it. The text is only ever Jackson's compact writing of a JSON array of entries, which
 * parsing and writing again reproduces character for character (integers, doubles as Java writes
 * them, strings), so an entry's text goes after the stored ones as it is: the result is the text
 * of the parsed page with the entry added, without parsing and writing a page of a hundred entries
 * for each one.
 */
final class PageText {
    /** The text without its closing bracket. */
    private final StringBuilder text;

    private boolean empty;

    private PageText(String stored) {
        text = new StringBuilder(Math.max(64, stored.length() + 4096));
        text.append(stored, 0, stored.length() - 1);
        empty = stored.equals("[]");
    }

    /** The page's stored entries (none for a new page). */
    static PageText of(Document page) {
        String stored = page.getString("e");
        if (stored == null) {
            return new PageText("[]");
        }
        if (stored.length() < 2 || stored.charAt(0) != '[' || stored.charAt(stored.length() - 1) != ']') {
            throw new IllegalStateException("history page " + page.get("_id") + " is not a JSON array of entries");
        }
        return new PageText(stored);
    }

    void add(JsonNode entry) {
        if (!empty) {
            text.append(',');
        }
        text.append(entry.toString());
        empty = false;
    }

    String text() {
        return text + "]";
    }
}
