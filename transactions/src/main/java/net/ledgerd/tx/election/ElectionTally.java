package net.ledgerd.tx.election;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import net.ledgerd.tx.model.Operation;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;

/**
 * Counting votes as BigchainDB 2.2.2's {@code Election.count_votes} and {@code has_concluded} do.
 */
public final class ElectionTally {
    private ElectionTally() {}

    /**
     * The votes among {@code transactions} (JSON documents, as committed or as delivered) for the
     * election whose public key is {@code electionPublicKey}: the amounts of every VOTE output
     * locked to that key alone (an output naming other keys as well does not count).
     */
    public static long count(String electionPublicKey, List<? extends JsonNode> transactions) {
        long votes = 0;
        for (JsonNode tx : transactions) {
            if (!Operation.VOTE.name().equals(tx.path("operation").asText())) {
                continue;
            }
            for (JsonNode o : tx.path("outputs")) {
                JsonNode keys = o.path("public_keys");
                if (keys.size() == 1 && electionPublicKey.equals(keys.get(0).asText())) {
                    votes += Long.parseLong(o.path("amount").asText());
                }
            }
        }
        return votes;
    }

    /** The election's total voting power: the sum of its outputs (the vote tokens). */
    public static long total(Transaction election) {
        long total = 0;
        for (Output o : election.outputs()) {
            total += o.amount();
        }
        return total;
    }

    /**
     * Whether this block's votes conclude the election: the committed votes are below two thirds
     * of the total and, with this block's, reach it ({@code >= (2/3) * total}, a float in Python
     * compared exactly with the integer count).
     */
    public static boolean concludes(long committedVotes, long currentVotes, long total) {
        BigDecimal twoThirds = new BigDecimal((2.0 / 3.0) * (double) total);
        return BigDecimal.valueOf(committedVotes).compareTo(twoThirds) < 0
                && BigDecimal.valueOf(committedVotes)
                                .add(BigDecimal.valueOf(currentVotes))
                                .compareTo(twoThirds)
                        >= 0;
    }
}
