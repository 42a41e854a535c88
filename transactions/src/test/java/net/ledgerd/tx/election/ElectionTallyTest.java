package net.ledgerd.tx.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import net.ledgerd.tx.build.ElectionTransactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

/** Vote counting and the two-thirds rule of 2.2.2's {@code Election.has_concluded}. */
class ElectionTallyTest {
    private static final Ed25519KeyPair A = Ed25519KeyPair.generate();
    private static final Ed25519KeyPair B = Ed25519KeyPair.generate();

    @Test
    void concludesWhenThisBlockBringsTheVotesToTwoThirds() {
        assertTrue(ElectionTally.concludes(20, 10, 40)); // 30 >= 26.67
        assertFalse(ElectionTally.concludes(20, 6, 40)); // 26 < 26.67
        assertTrue(ElectionTally.concludes(20, 10, 45)); // exactly (2/3) * 45 = 30.0
        assertFalse(ElectionTally.concludes(30, 10, 45)); // already concluded by committed votes
        assertFalse(ElectionTally.concludes(0, 0, 3));
        assertTrue(ElectionTally.concludes(0, 2, 3)); // (2/3) * 3 = 2.0
    }

    @Test
    void countsOnlyVoteOutputsLockedToTheElectionKeyAlone() throws Exception {
        SignedTransaction election = ElectionTransactions.upsertValidator(
                A, Map.of(A.publicKeyBase58(), 10L, B.publicKeyBase58(), 10L), B.publicKey(), 1, "node");
        String key = Elections.publicKey(election.id());
        JsonNode vote = ElectionTransactions.vote(election.transaction(), A).json();
        ObjectMapper m = new ObjectMapper();
        JsonNode shared = m.readTree(vote.toString()
                .replace(
                        "\"public_keys\":[\"" + key + "\"]",
                        "\"public_keys\":[\"" + key + "\",\"" + A.publicKeyBase58() + "\"]"));
        JsonNode transfer = m.readTree(vote.toString().replace("\"VOTE\"", "\"TRANSFER\""));
        assertEquals(10, ElectionTally.count(key, List.of(vote)));
        assertEquals(0, ElectionTally.count(key, List.of(shared, transfer)));
        assertEquals(20, ElectionTally.count(key, List.of(vote, vote)));
        assertEquals(20, ElectionTally.total(election.transaction()));
    }

    @Test
    void theElectionKeyIsTheBase58OfTheIdBytes() {
        assertEquals("11111111111111111111111111111111", Elections.publicKey("00".repeat(32)));
    }
}
