package net.ledgerd.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void targetsAreParsedInTheOrderGiven() {
        assertEquals(List.of(Target.NOOP, Target.KVSTORE), Target.parseAll(List.of("noop", "kvstore")));
        assertEquals(
                List.of(Target.OURS, Target.NOOP, Target.KVSTORE), Target.parseAll(List.of("ours", "noop", "kvstore")));
        assertEquals("kvstore ceiling", Target.KVSTORE.label);
    }

    @Test
    void anUnknownOrRepeatedTargetIsRefusedWithTheNamesThatExist() {
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> Target.parseAll(List.of("ours", "kvstor")));
        assertEquals("--targets takes ours, noop, kvstore, got 'kvstor'", unknown.getMessage());
        IllegalArgumentException twice =
                assertThrows(IllegalArgumentException.class, () -> Target.parseAll(List.of("noop", "noop")));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    @Test
    void onlyOurMembersHaveTheApi() {
        assertTrue(Target.OURS.hasApi());
        assertFalse(Target.NOOP.hasApi());
        assertFalse(Target.KVSTORE.hasApi());
    }
}
