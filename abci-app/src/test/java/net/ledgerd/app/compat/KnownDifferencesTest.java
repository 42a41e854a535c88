package net.ledgerd.app.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** known-differences.json loads (every entry has a reason) and matches by family, name, aspect and answers. */
class KnownDifferencesTest {
    private final KnownDifferences known = KnownDifferences.load();

    @Test
    void loads() {
        assertFalse(known.entries().isEmpty());
    }

    @Test
    void anEntryMatchesOnlyTheAnswersItNames() {
        Check refusedByUs = new Check("owners", "create_empty_owners_before", "check", "1", "0", "differs");
        assertNotNull(known.find(refusedByUs));
        assertNull(known.find(new Check("owners", "create_empty_owners_before", "check", "0", "1", "differs")));
        assertNull(known.find(new Check("chain", "create_empty_owners_before", "check", "1", "0", "differs")));
        assertEquals(
                known.find(refusedByUs),
                known.find(new Check("signature", "create_signed_by_other_key", "check", "1", "0", "x")));
    }
}
