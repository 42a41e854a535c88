package net.ledgerd.network.election;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.keys.Ed25519Key;
import net.ledgerd.network.keys.KeyFiles;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.build.ElectionTransactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.election.Elections;
import net.ledgerd.tx.model.Operation;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.validation.ValidationException;

/**
 * What {@code ledgerd-network election} does, as BigchainDB 2.2.2's {@code bigchaindb election} does it: sign with a
 * member's Tendermint validator key, build the election or vote with {@link ElectionTransactions}, post it to a
 * member's HTTP API with {@code mode=commit}. Arguments are checked before the member is asked anything.
 */
public final class ElectionClient {
    private static final Pattern NODE_ID = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");

    private static final Duration POLL = Duration.ofMillis(250);

    private final MemberApi api;
    private final Duration electionWait;

    /** {@code electionWait}: how long an election not yet committed on this member is waited for. */
    public ElectionClient(MemberApi api, Duration electionWait) {
        this.api = api;
        this.electionWait = electionWait;
    }

    /** Reads a member's config/priv_validator_key.json as the key pair that signs elections and votes. */
    public static Ed25519KeyPair validatorKey(Path file) {
        Ed25519Key key;
        try {
            key = KeyFiles.readValidatorKey(file);
        } catch (OperatorError e) {
            throw new OperatorError(
                    "--validator-key " + file + " is not a usable Tendermint priv_validator_key.json (" + e.getMessage()
                            + "); pass the member's config/priv_validator_key.json",
                    e);
        }
        return Ed25519KeyPair.fromSeed(java.util.Arrays.copyOf(key.tendermintPrivateKey(), Ed25519Key.SEED_BYTES));
    }

    /** The new validator's public key as 2.2.2's CLI takes it: base64 of 32 bytes (Tendermint's pub_key value). */
    public static byte[] publicKey(String base64) {
        return KeyFiles.decodeBase64(base64, Ed25519Key.PUBLIC_KEY_BYTES, "--public-key");
    }

    public static String nodeId(String nodeId) {
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new OperatorError("--node-id '" + nodeId
                    + "' is not a Tendermint node id (40 lower-case hex digits, as `tendermint show_node_id`"
                    + " or `ledgerd-network member info` prints it)");
        }
        return nodeId;
    }

    public static long power(long power) {
        if (power < 0) {
            throw new OperatorError("--power must be a whole number >= 0 (0 removes the validator), got " + power);
        }
        return power;
    }

    public static String electionId(String id) {
        if (!TX_ID.matcher(id).matches()) {
            throw new OperatorError(
                    "'" + id + "' is not an election id (64 lower-case hex digits, as `election new`" + " prints it)");
        }
        return id;
    }

    /** Starts a VALIDATOR_ELECTION; returns its id once committed. */
    public String upsertValidator(Ed25519KeyPair initiator, byte[] publicKey, long power, String nodeId) {
        ValidatorSet validators = validatorsStarting(initiator);
        // 2.2.2 refuses a change of a third of the power or more (InvalidPowerChange); say so before posting
        if (power >= (1.0 / 3.0) * validators.total()) {
            throw new OperatorError("--power " + power + " is too large: a validator election may set at most less than"
                    + " a third of the total power " + validators.total() + " (BigchainDB's InvalidPowerChange)");
        }
        return post(ElectionTransactions.upsertValidator(initiator, validators.powers(), publicKey, power, nodeId));
    }

    /** Starts a CHAIN_MIGRATION_ELECTION; returns its id once committed. */
    public String chainMigration(Ed25519KeyPair initiator) {
        return post(ElectionTransactions.chainMigration(
                initiator, validatorsStarting(initiator).powers()));
    }

    /** Votes for an election with all the voter's vote tokens; returns the vote's id once committed. */
    public String approve(String electionId, Ed25519KeyPair voter) {
        Transaction election = election(electionId);
        String key = voter.publicKeyBase58();
        if (election.outputs().stream().noneMatch(o -> o.publicKeys().contains(key))) {
            throw new OperatorError("the validator key " + key + " does not match any of the eligible voters in"
                    + " election " + electionId + " (only the validators at its start may vote)");
        }
        Map<String, Long> cast = tally(
                        election, ValidatorSet.fromApi(api.validators(), api.base() + "api/v1/validators"))
                .votes();
        if (cast.containsKey(key)) {
            throw new OperatorError("the validator " + key + " already voted in election " + electionId);
        }
        return post(ElectionTransactions.vote(election, voter));
    }

    /** The election and its committed votes. */
    public ElectionReport show(String electionId) {
        Transaction election = election(electionId);
        return tally(election, ValidatorSet.fromApi(api.validators(), api.base() + "api/v1/validators"));
    }

    private ValidatorSet validatorsStarting(Ed25519KeyPair initiator) {
        ValidatorSet validators = ValidatorSet.fromApi(api.validators(), api.base() + "api/v1/validators");
        if (!validators.contains(initiator.publicKeyBase58())) {
            throw new OperatorError("the --validator-key (" + initiator.publicKeyBase58() + ") is not a current"
                    + " validator of the network at " + api.base() + "; only a validator may start an election");
        }
        return validators;
    }

    private String post(SignedTransaction tx) {
        api.postCommit(tx.json());
        return tx.id();
    }

    /**
     * The transaction once this member has committed it: members commit a block at slightly different
     * times, so an election started a moment ago through another member may reach this one later.
     */
    private Optional<JsonNode> committed(String id) {
        long deadline = System.nanoTime() + electionWait.toNanos();
        while (true) {
            Optional<JsonNode> json = api.transaction(id);
            if (json.isPresent() || System.nanoTime() - deadline >= 0) {
                return json;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return json;
            }
        }
    }

    private Transaction election(String electionId) {
        electionId(electionId);
        JsonNode json = committed(electionId)
                .orElseThrow(() -> new OperatorError("no election with id " + electionId
                        + " is committed on the member at " + api.base() + " (waited " + electionWait.toSeconds()
                        + " s; --wait sets how long)"));
        Transaction tx = parse(json, electionId);
        if (!tx.operation().election()) {
            throw new OperatorError(electionId + " is a " + tx.operation() + " transaction, not an election");
        }
        return tx;
    }

    private ElectionReport tally(Transaction election, ValidatorSet current) {
        Map<String, Long> voters = new LinkedHashMap<>();
        election.outputs().forEach(o -> voters.merge(o.publicKeys().get(0), o.amount(), Long::sum));
        String electionKey = Elections.publicKey(election.id());
        Map<String, Long> votes = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (JsonNode link : api.outputs(electionKey)) {
            String voteId = link.path("transaction_id").asText();
            if (seen.contains(voteId)) {
                continue;
            }
            seen.add(voteId);
            JsonNode json = api.transaction(voteId)
                    .orElseThrow(() -> new OperatorError(
                            "the member lists output " + link + " of a transaction it" + " does not serve"));
            Transaction vote = parse(json, voteId);
            long amount = vote.outputs().stream()
                    .filter(o -> o.publicKeys().equals(List.of(electionKey)))
                    .mapToLong(o -> o.amount())
                    .sum();
            if (vote.operation() == Operation.VOTE && election.id().equals(vote.assetId())) {
                votes.merge(vote.inputs().get(0).ownersBefore().get(0), amount, Long::sum);
            }
        }
        return new ElectionReport(
                election.id(), election.operation().name(), election.assetData(), voters, votes, current);
    }

    private static Transaction parse(JsonNode json, String id) {
        try {
            return Transactions.parse(json);
        } catch (ValidationException e) {
            throw new OperatorError(
                    "the member served transaction " + id + " in a form we cannot read: " + e.getMessage(), e);
        }
    }
}
