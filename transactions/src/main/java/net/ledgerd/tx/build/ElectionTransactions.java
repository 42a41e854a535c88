package net.ledgerd.tx.build;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.election.Elections;
import net.ledgerd.tx.election.ValidatorKeyCodec;
import net.ledgerd.tx.model.Operation;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;

/**
 * Builds and signs election and vote transactions as BigchainDB 2.2.2's {@code bigchaindb
 * election new|approve} commands do.
 *
 * <pre>{@code
 * Map<String, Long> validators = ...; // base58 key -> power, as GET /api/v1/validators lists them
 * SignedTransaction election = ElectionTransactions.upsertValidator(
 *         myValidatorKey, validators, newNodePublicKey32, 10, newNodeId);
 * SignedTransaction vote = ElectionTransactions.vote(election.transaction(), otherValidatorKey);
 * }</pre>
 */
public final class ElectionTransactions {
    private ElectionTransactions() {}

    /**
     * A VALIDATOR_ELECTION to give {@code publicKey} the voting power {@code power} (0 removes it).
     * Asset data as 2.2.2's CLI writes it: the key in upper-case hex ({@code ed25519-base16}), the
     * power, the node id, and a random seed (so that two equal elections get different ids).
     *
     * @param initiator a current validator's key pair
     * @param validators the current validator set: base58 public key to voting power; each gets one
     *     output (its vote tokens) of its power
     */
    public static SignedTransaction upsertValidator(
            Ed25519KeyPair initiator, Map<String, Long> validators, byte[] publicKey, long power, String nodeId) {
        return upsertValidator(
                initiator,
                validators,
                publicKey,
                power,
                nodeId,
                UUID.randomUUID().toString());
    }

    /** As {@link #upsertValidator(Ed25519KeyPair, Map, byte[], long, String)} with a given seed. */
    public static SignedTransaction upsertValidator(
            Ed25519KeyPair initiator,
            Map<String, Long> validators,
            byte[] publicKey,
            long power,
            String nodeId,
            String seed) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an ed25519 public key has 32 bytes, got " + publicKey.length);
        }
        if (power < 0) {
            throw new IllegalArgumentException("power must be >= 0 (0 removes the validator), was " + power);
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ObjectNode pk = data.putObject("public_key");
        pk.put("value", HexFormat.of().withUpperCase().formatHex(publicKey));
        pk.put("type", ValidatorKeyCodec.BASE16);
        data.put("power", power);
        data.put("node_id", nodeId);
        data.put("seed", seed);
        return election(Operation.VALIDATOR_ELECTION, initiator, validators, data);
    }

    /** A CHAIN_MIGRATION_ELECTION (asset data: only a random seed). */
    public static SignedTransaction chainMigration(Ed25519KeyPair initiator, Map<String, Long> validators) {
        return chainMigration(initiator, validators, UUID.randomUUID().toString());
    }

    /** As {@link #chainMigration(Ed25519KeyPair, Map)} with a given seed. */
    public static SignedTransaction chainMigration(
            Ed25519KeyPair initiator, Map<String, Long> validators, String seed) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("seed", seed);
        return election(Operation.CHAIN_MIGRATION_ELECTION, initiator, validators, data);
    }

    private static SignedTransaction election(
            Operation op, Ed25519KeyPair initiator, Map<String, Long> validators, ObjectNode data) {
        if (validators.isEmpty()) {
            throw new IllegalArgumentException("the validator set is empty; an election needs the current validators");
        }
        TransactionBuilder b = TransactionBuilder.createFor(op, List.of(initiator.publicKeyBase58()))
                .asset(data);
        for (Map.Entry<String, Long> v : new LinkedHashMap<>(validators).entrySet()) {
            b.output(v.getValue(), v.getKey());
        }
        return b.sign(initiator);
    }

    /**
     * The VOTE of {@code voter} for {@code election}: spends every output of the election that
     * names the voter's key and sends the power of the first one to the election's public key (as
     * 2.2.2's {@code election approve}).
     *
     * @throws IllegalArgumentException if the voter holds no vote tokens of this election
     */
    public static SignedTransaction vote(Transaction election, Ed25519KeyPair voter) {
        if (!election.operation().election()) {
            throw new IllegalArgumentException(election + " is not an election");
        }
        String key = voter.publicKeyBase58();
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < election.outputs().size(); i++) {
            if (election.outputs().get(i).publicKeys().contains(key)) {
                mine.add(i);
            }
        }
        if (mine.isEmpty()) {
            throw new IllegalArgumentException("the key " + key + " holds no vote tokens of election " + election.id()
                    + "; only the validators at the election's start may vote");
        }
        Output first = election.outputs().get(mine.get(0));
        TransactionBuilder b = TransactionBuilder.transfer(Operation.VOTE, election.id());
        for (int i : mine) {
            b.input(election, i);
        }
        return b.output(first.amount(), Elections.publicKey(election.id())).sign(voter);
    }
}
