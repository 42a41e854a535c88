package net.ledgerd.app.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppHashTest {
    // Expected values computed with Python's hashlib.sha3_256 following bigchaindb.tendermint_utils.calculate_hash.
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @Test
    void hashOfNoStringsIsEmpty() {
        assertEquals("", AppHash.calculateHash(List.of()));
    }

    @Test
    void hashOfIdsIsSha3OfTheirConcatenation() {
        assertEquals(
                "2ec9b9bddc437aa09f8d82ac69fb52ad9f54334afa453844b63e9d1517e03fd2",
                AppHash.calculateHash(List.of(A, B)));
    }

    @Test
    void chainFromGenesisAndAcrossBlocks() {
        String first = AppHash.next("", List.of(A, B));
        assertEquals("37df785385e7efc859d7b3a1fee4e5b48c2ca7b8375d69f3bdfd2b66a53b5992", first);
        assertEquals(
                "45506ec85c60117375298d24079e348cbb0706ebbb6ec6dea6ebaf62b5c60c72", AppHash.next(first, List.of(C)));
    }

    @Test
    void emptyBlockKeepsTheAppHash() {
        assertEquals("abc", AppHash.next("abc", List.of()));
    }
}
