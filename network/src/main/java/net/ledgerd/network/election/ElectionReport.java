package net.ledgerd.network.election;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import net.ledgerd.tx.election.ElectionTally;

/**
 * An election and the votes committed for it, as a member's HTTP API shows them, and its status by BigchainDB 2.2.2's
 * definitions ({@code Election.get_status}, {@code has_concluded}).
 *
 * @param operation VALIDATOR_ELECTION or CHAIN_MIGRATION_ELECTION
 * @param data the election's asset data
 * @param voters the validators at the election's start (its outputs): base58 key to power
 * @param votes committed votes: base58 voter key to the power it sent to the election's key
 * @param current the validator set now
 */
public record ElectionReport(
        String electionId,
        String operation,
        JsonNode data,
        Map<String, Long> voters,
        Map<String, Long> votes,
        ValidatorSet current) {
    public enum Status {
        ONGOING,
        CONCLUDED,
        INCONCLUSIVE;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ElectionReport {
        voters = Collections.unmodifiableMap(new LinkedHashMap<>(voters));
        votes = Collections.unmodifiableMap(new LinkedHashMap<>(votes));
    }

    public long totalPower() {
        return voters.values().stream().mapToLong(Long::longValue).sum();
    }

    public long votesFor() {
        return votes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** 2.2.2 concludes once the votes reach two thirds of the power, compared as Python compares them (floats). */
    public boolean supermajority() {
        return ElectionTally.concludes(0, votesFor(), totalPower());
    }

    /** The least power that concludes the election. */
    public long powerNeeded() {
        return (long) Math.ceil((2.0 / 3.0) * totalPower());
    }

    /**
     * Concluded once the votes reached two thirds; inconclusive when the validator set changed since the election
     * started (its voters are no longer the validators) before that; ongoing otherwise. 2.2.2 reads the same facts
     * from its database; through the HTTP API an election whose votes reached two thirds only after another change
     * would show concluded where 2.2.2 says inconclusive.
     */
    public Status status() {
        if (supermajority()) {
            return Status.CONCLUDED;
        }
        return voters.equals(current.powers()) ? Status.ONGOING : Status.INCONCLUSIVE;
    }
}
