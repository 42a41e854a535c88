package net.ledgerd.app.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The documented differences from BigchainDB 2.2.2 ({@code compat/known-differences.json}): each
 * entry names the family, a pattern of item names, the aspect, optionally what each side answers,
 * and why. A difference the file does not name fails the differential test; an entry that matches
 * no difference any more fails it too, so the file stays the list of what really differs.
 */
final class KnownDifferences {
    static final String RESOURCE = "/compat/known-differences.json";

    record Entry(Pattern family, Pattern name, Pattern aspect, String ours, String bigchaindb, String reason) {
        boolean matches(Check c) {
            return family.matcher(c.family()).matches()
                    && name.matcher(c.name()).matches()
                    && aspect.matcher(c.aspect()).matches()
                    && (ours == null || ours.equals(c.ours()))
                    && (bigchaindb == null || bigchaindb.equals(c.bigchaindb()));
        }

        String describe() {
            return family.pattern() + " / " + name.pattern() + " / " + aspect.pattern()
                    + (ours == null ? "" : " (ours " + ours + ", BigchainDB " + bigchaindb + ")");
        }
    }

    private final List<Entry> entries;

    private KnownDifferences(List<Entry> entries) {
        this.entries = entries;
    }

    static KnownDifferences load() {
        try (InputStream in = KnownDifferences.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Entry> entries = new ArrayList<>();
            for (JsonNode e : root.get("differences")) {
                String reason = e.path("reason").asText("");
                if (reason.isBlank()) {
                    throw new IllegalStateException(RESOURCE + ": every entry needs a reason: " + e);
                }
                entries.add(new Entry(
                        Pattern.compile(e.get("family").asText()),
                        Pattern.compile(e.get("name").asText()),
                        Pattern.compile(e.get("aspect").asText()),
                        e.hasNonNull("ours") ? e.get("ours").asText() : null,
                        e.hasNonNull("bigchaindb") ? e.get("bigchaindb").asText() : null,
                        reason));
            }
            return new KnownDifferences(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The first entry documenting this difference, or null. */
    Entry find(Check c) {
        for (Entry e : entries) {
            if (e.matches(c)) {
                return e;
            }
        }
        return null;
    }

    List<Entry> entries() {
        return entries;
    }
}
