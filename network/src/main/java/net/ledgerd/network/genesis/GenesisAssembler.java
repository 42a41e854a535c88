package net.ledgerd.network.genesis;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import net.ledgerd.network.Checks;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.member.MemberInfo;

/**
 * The coordinator's step: one genesis.json from every member's info, each member a validator with the same power.
 * Refuses a set of members that cannot form a sound network: too few, or two entries that are the same member or
 * would collide (same validator key, node id, moniker, hostname or p2p address).
 */
public final class GenesisAssembler {
    /** A network of 4 tolerates one faulty member (less than a third of the power); fewer tolerate none. */
    public static final int MIN_MEMBERS = 4;

    public static final long DEFAULT_POWER = 10;

    private String chainId;
    private long power = DEFAULT_POWER;
    private boolean allowSmall;
    private boolean allowSharedHost;
    private Instant genesisTime;

    public GenesisAssembler chainId(String chainId) {
        this.chainId = chainId;
        return this;
    }

    public GenesisAssembler power(long power) {
        this.power = power;
        return this;
    }

    /** Accept 1 to 3 members: test networks only, since they cannot tolerate a faulty member. */
    public GenesisAssembler allowSmall(boolean allowSmall) {
        this.allowSmall = allowSmall;
        return this;
    }

    /** Accept members on the same host (distinct p2p ports), as when several members run on one machine. */
    public GenesisAssembler allowSharedHost(boolean allowSharedHost) {
        this.allowSharedHost = allowSharedHost;
        return this;
    }

    public GenesisAssembler genesisTime(Instant genesisTime) {
        this.genesisTime = genesisTime;
        return this;
    }

    /** A member's info and where it came from (a file name), for messages. */
    public record Source(String name, MemberInfo info) {}

    public Genesis assemble(List<Source> members) {
        List<String> problems = new ArrayList<>();
        try {
            Checks.chainId(chainId);
        } catch (OperatorError e) {
            problems.add(e.getMessage());
        }
        if (power <= 0) {
            problems.add("--power must be positive, got " + power);
        } else if (members.size() > 0 && power > Genesis.MAX_TOTAL_VOTING_POWER / members.size()) {
            problems.add("--power " + power + " times " + members.size()
                    + " members exceeds Tendermint's total voting power limit " + Genesis.MAX_TOTAL_VOTING_POWER);
        }
        if (members.isEmpty()) {
            problems.add("no members given; pass each member's info with --member FILE");
        } else if (members.size() < MIN_MEMBERS && !allowSmall) {
            problems.add("only " + members.size() + " member(s) given; a network needs at least " + MIN_MEMBERS
                    + " so that it keeps working with one member down (pass --allow-small for a test network)");
        }
        duplicates(members, "validator pub_key", m -> Base64.getEncoder().encodeToString(m.pubKey()), problems);
        duplicates(members, "node_id", MemberInfo::nodeId, problems);
        duplicates(members, "moniker", m -> m.moniker().toLowerCase(Locale.ROOT), problems);
        duplicates(members, "p2p address (hostname:p2p_port)", m -> m.endpoint().toLowerCase(Locale.ROOT), problems);
        if (!allowSharedHost) {
            duplicates(
                    members,
                    "hostname",
                    m -> m.hostname().toLowerCase(Locale.ROOT),
                    problems,
                    " (several members on one machine need distinct p2p ports and --allow-shared-host)");
        }
        if (!problems.isEmpty()) {
            throw new OperatorError("cannot make genesis: " + String.join("; ", problems));
        }
        List<Genesis.Validator> validators = members.stream()
                .map(s -> new Genesis.Validator(
                        s.info().address(), s.info().pubKey(), power, s.info().moniker()))
                .toList();
        Instant time = genesisTime != null ? genesisTime : Instant.now();
        return new Genesis(
                time.truncatedTo(ChronoUnit.MILLIS).toString(),
                chainId,
                Genesis.ConsensusParams.defaults(),
                validators,
                "");
    }

    private static void duplicates(
            List<Source> members, String what, Function<MemberInfo, String> key, List<String> problems) {
        duplicates(members, what, key, problems, "");
    }

    private static void duplicates(
            List<Source> members, String what, Function<MemberInfo, String> key, List<String> problems, String hint) {
        Map<String, Source> seen = new HashMap<>();
        for (Source s : members) {
            Source earlier = seen.putIfAbsent(key.apply(s.info()), s);
            if (earlier != null) {
                problems.add("duplicate " + what + " '" + key.apply(s.info()) + "' in " + earlier.name() + " and "
                        + s.name() + hint);
            }
        }
    }
}
