package net.ledgerd.app.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.ledgerd.app.store.AbciChainRecord;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.app.store.ElectionRecord;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.app.store.ValidatorChange;
import net.ledgerd.app.store.ValidatorRecord;
import net.ledgerd.proto.abci.PubKey;
import net.ledgerd.proto.abci.ValidatorUpdate;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.election.ElectionTally;
import net.ledgerd.tx.election.Elections;
import net.ledgerd.tx.election.ValidatorSetChange;
import net.ledgerd.tx.model.Operation;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elections at EndBlock, as BigchainDB 2.2.2's {@code Election.process_block}: records the
 * elections a block starts, then, per election voted for in the block (in the order of its first
 * vote), concludes it when this block's votes bring it to two thirds of its power, and carries out
 * what it decided: a new validator set (stored for the next height, returned to Tendermint) or a
 * chain migration (a new, not yet synced {@code abci_chains} row). At most one validator change per
 * block; an election is void once the validator set changed after it started.
 */
final class ElectionProcessor {
    private static final Logger log = LoggerFactory.getLogger(ElectionProcessor.class);
    private static final String MIGRATION_SUFFIX = "-migrated-at-height-";

    private final LedgerStore store;

    ElectionProcessor(LedgerStore store) {
        this.store = store;
    }

    /**
     * @param newHeight the height of the block being ended
     * @param block the block's accepted transactions, in order
     * @return the validator updates for Tendermint (none or one)
     */
    List<ValidatorUpdate> endBlock(long newHeight, List<Transaction> block) {
        List<ElectionRecord> started = new ArrayList<>();
        Map<String, List<ObjectNode>> votes = new LinkedHashMap<>();
        for (Transaction tx : block) {
            if (tx.operation().election()) {
                started.add(new ElectionRecord(tx.id(), newHeight, false));
            } else if (tx.operation() == Operation.VOTE) {
                votes.computeIfAbsent(tx.assetId(), id -> new ArrayList<>()).add(tx.json());
            }
        }
        store.storeElections(started);
        ValidatorUpdate update = null;
        for (Map.Entry<String, List<ObjectNode>> e : votes.entrySet()) {
            Optional<Transaction> election = committedElection(e.getKey());
            if (election.isEmpty() || !concludes(election.get(), e.getValue())) {
                continue;
            }
            // as 2.2.2: the last concluded election's outcome is returned, a migration's being none
            update = approve(election.get(), newHeight);
            store.storeElection(new ElectionRecord(e.getKey(), newHeight, true));
            log.info(
                    "election {} ({}) concluded at height {}",
                    e.getKey(),
                    election.get().operation(),
                    newHeight);
        }
        return update == null ? List.of() : List.of(update);
    }

    /**
     * BEP-8 rollback of what {@link #endBlock} wrote for an interrupted block: its election rows,
     * the validator set it stored for the next height, the chain it started migrating to. 2.2.2
     * undoes the last two only when the block's votes were already stored; they are undone here
     * whatever Commit had written, since only that EndBlock writes rows at those heights.
     */
    void rollBack(long height) {
        store.deleteElections(height);
        store.deleteValidatorSet(height + 1);
        store.deleteAbciChain(height);
    }

    private Optional<Transaction> committedElection(String assetId) {
        Optional<ObjectNode> stored = store.readModel().transaction(assetId);
        if (stored.isEmpty()) {
            return Optional.empty(); // not committed yet (started in this block): 2.2.2 skips it too
        }
        Transaction tx;
        try {
            tx = Transactions.parse(stored.get());
        } catch (ValidationException e) {
            throw new IllegalStateException("committed transaction " + assetId + " does not parse: " + e, e);
        }
        if (!tx.operation().election()) {
            // 2.2.2's EndBlock raises on a VOTE of an ordinary asset (its CREATE has no
            // has_concluded) and its node stops; such a vote decides nothing here
            log.warn("a VOTE in this block spends asset {}, which is not an election; it is ignored", assetId);
            return Optional.empty();
        }
        return Optional.of(tx);
    }

    /** {@code has_concluded} of the election's class, with this block's votes for it. */
    private boolean concludes(Transaction election, List<ObjectNode> currentVotes) {
        Optional<BlockRecord> latestBlock = store.latestBlock();
        if (election.operation() == Operation.VALIDATOR_ELECTION && latestBlock.isPresent()) {
            Optional<ValidatorChange> latestChange = store.validatorChange(null);
            if (latestChange.isPresent()
                    && latestChange.get().height() == latestBlock.get().height() + 2) {
                return false; // a change is already assigned by this block
            }
        }
        if (election.operation() == Operation.CHAIN_MIGRATION_ELECTION) {
            Optional<AbciChainRecord> chain = store.latestAbciChain();
            if (chain.isPresent() && !chain.get().synced()) {
                return false; // another migration is in progress
            }
        }
        if (validatorSetChangedSince(election, latestBlock)) {
            return false;
        }
        String electionKey = Elections.publicKey(election.id());
        long committed = ElectionTally.count(electionKey, store.assetTokensFor(election.id(), electionKey));
        long current = ElectionTally.count(electionKey, currentVotes);
        return ElectionTally.concludes(committed, current, ElectionTally.total(election));
    }

    private boolean validatorSetChangedSince(Transaction election, Optional<BlockRecord> latestBlock) {
        if (latestBlock.isEmpty()) {
            return false;
        }
        Optional<ValidatorChange> change =
                store.validatorChange(latestBlock.get().height());
        if (change.isEmpty()) {
            return false;
        }
        ElectionRecord started = store.election(election.id())
                .orElseThrow(() -> new IllegalStateException(
                        "election " + election.id() + " is committed but has no row in the elections collection"));
        return change.get().height() > started.height();
    }

    /** {@code on_approval}: the update for Tendermint, or null for a chain migration. */
    private ValidatorUpdate approve(Transaction election, long newHeight) {
        if (election.operation() == Operation.CHAIN_MIGRATION_ELECTION) {
            migrateChain();
            return null;
        }
        List<ValidatorSetChange.Member> current = new ArrayList<>();
        store.validatorChange(newHeight)
                .map(ValidatorChange::validators)
                .orElse(List.of())
                .forEach(v -> current.add(new ValidatorSetChange.Member(v.publicKeyBase64(), v.votingPower())));
        ValidatorSetChange.Update update;
        List<ValidatorSetChange.Member> next;
        try {
            update = ValidatorSetChange.update(election.assetData());
            next = ValidatorSetChange.next(current, election.assetData());
        } catch (ValidatorSetChange.UnencodableElection e) {
            throw new IllegalStateException(
                    "election " + election.id() + " concluded but cannot be applied: " + e.getMessage()
                            + "; BigchainDB 2.2.2 stops at this block too",
                    e);
        }
        store.storeValidatorSet(
                newHeight + 1,
                next.stream()
                        .map(m -> new ValidatorRecord(m.publicKeyBase64(), m.votingPower()))
                        .toList());
        return ValidatorUpdate.newBuilder()
                .setPubKey(PubKey.newBuilder().setType("ed25519").setData(ByteString.copyFrom(update.publicKey())))
                .setPower(update.power())
                .build();
    }

    /**
     * {@code migrate_abci_chain}: {@code chain-X} becomes {@code chain-X-migrated-at-height-H} (H the
     * latest committed height), recorded from H + 1 as not synced.
     */
    private void migrateChain() {
        Optional<AbciChainRecord> chain = store.latestAbciChain();
        if (chain.isEmpty()) {
            return;
        }
        long height = store.latestBlock()
                .orElseThrow(() -> new IllegalStateException("a chain migration concluded before any block"))
                .height();
        String base = chain.get().chainId().split(java.util.regex.Pattern.quote(MIGRATION_SUFFIX), -1)[0];
        String newChainId = base + MIGRATION_SUFFIX + height;
        store.storeAbciChain(new AbciChainRecord(height + 1, newChainId, false));
        log.warn(
                "chain migration concluded: this chain stops being followed once the node restarts; start"
                        + " Tendermint with chain_id {} (see the README, chain migration)",
                newChainId);
    }
}
