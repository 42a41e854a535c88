package net.ledgerd.app.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongSupplier;
import net.ledgerd.tx.ledger.LedgerOutput;
import net.ledgerd.tx.ledger.LedgerOverlay;
import net.ledgerd.tx.ledger.LedgerView;
import net.ledgerd.tx.ledger.OutputLink;
import net.ledgerd.tx.model.Input;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.validation.ValidationException;
import net.ledgerd.tx.validation.ValidationPolicy;
import net.ledgerd.tx.validation.Validator;

/**
 * The check view: the committed ledger plus what CheckTx accepted since (this node's mempool, as far
 * as the app can know it). A TRANSFER spending an output of a pending transaction is accepted, and
 * a second spend of an output a pending transaction spends is refused, before either reaches a
 * block. Only mempool admission depends on it; DeliverTx validates against the block in progress
 * over the committed ledger, so verdicts in blocks stay BigchainDB 2.2.2's.
 *
 * <p>How it stays true with Tendermint's {@code recheck = false} (Tendermint never re-runs CheckTx,
 * so the app must prune by itself): after each Commit, with the block already in the committed
 * view, the pending transactions are walked in the order they were accepted and an entry is
 * dropped when
 *
 * <ul>
 *   <li>its exact bytes were in the block (Tendermint 0.31.5 removes every transaction of a block
 *       from its mempool, whatever its DeliverTx verdict);
 *   <li>a transaction with its id was committed (the same body signed otherwise);
 *   <li>an input spends an output the block spent (a double spend from another member's mempool);
 *   <li>an input spends an output of a pending transaction that was refused in the block or
 *       dropped by this walk (its parent no longer exists);
 *   <li>it was accepted more than {@code ttl} ago.
 * </ul>
 *
 * Everything else it relied on is unchanged: outputs are immutable, and a block only adds
 * transactions. No database read is needed. Failure modes, all limited to CheckTx verdicts: a
 * transaction Tendermint drops without telling the app (unsafe_flush_mempool, or a CheckTx answer
 * lost by Tendermint 0.31.5's socket client) holds its inputs as spent, and its outputs as
 * existing, until the ttl ends (a second spend is refused meanwhile, a child is admitted and then
 * refused in DeliverTx); a dropped entry lets a double spend of its inputs into the mempool, where
 * DeliverTx refuses it. Tendermint's own mempool still holds a dropped transaction (no recheck)
 * and proposes it; DeliverTx then gives BigchainDB's verdict.
 */
final class CheckState implements LedgerView {
    private final LedgerView committed;
    private final LongSupplier nanoClock;
    private final long ttlNanos;
    private final Map<String, Pending> entries = new LinkedHashMap<>();
    private LedgerOverlay pending;

    /** A transaction CheckTx accepted, keyed by the digest of its bytes. */
    private record Pending(Transaction tx, String digest, long acceptedAtNanos) {}

    CheckState(LedgerView committed, LongSupplier nanoClock, long ttlNanos) {
        this.committed = committed;
        this.nanoClock = nanoClock;
        this.ttlNanos = ttlNanos;
        this.pending = new LedgerOverlay(committed);
    }

    /** CheckTx: validates against the check view and, if valid, adds the transaction to it. */
    synchronized void admit(Transaction tx, String digest, ValidationPolicy policy) throws ValidationException {
        expireOldest();
        Validator.validate(tx, pending, policy);
        pending.add(tx);
        entries.put(digest, new Pending(tx, digest, nanoClock.getAsLong()));
    }

    synchronized int size() {
        return entries.size();
    }

    /**
     * After Commit (the block is in the committed view): drops what the block made untrue, as the
     * class comment lists.
     *
     * @param blockDigests the digests of every transaction of the block, accepted or refused
     * @param block the block's accepted transactions
     */
    synchronized void committed(Set<String> blockDigests, List<Transaction> block) {
        Set<String> committedIds = new HashSet<>();
        Set<OutputLink> spentByBlock = new HashSet<>();
        for (Transaction tx : block) {
            committedIds.add(tx.id());
            spentByBlock.addAll(spends(tx));
        }
        prune(blockDigests, committedIds, spentByBlock);
    }

    /** Drops expired entries when the oldest has expired: an O(1) check per CheckTx otherwise. */
    private void expireOldest() {
        if (!entries.isEmpty() && expired(entries.values().iterator().next())) {
            prune(Set.of(), Set.of(), Set.of());
        }
    }

    private boolean expired(Pending p) {
        return nanoClock.getAsLong() - p.acceptedAtNanos() > ttlNanos;
    }

    private void prune(Set<String> blockDigests, Set<String> committedIds, Set<OutputLink> spentByBlock) {
        Set<String> gone = new HashSet<>();
        List<Pending> kept = new ArrayList<>(entries.size());
        for (Pending p : entries.values()) {
            String id = p.tx().id();
            if (blockDigests.contains(p.digest()) || committedIds.contains(id)) {
                if (!committedIds.contains(id)) {
                    gone.add(id);
                }
            } else if (expired(p)
                    || spends(p.tx()).stream()
                            .anyMatch(o -> spentByBlock.contains(o) || gone.contains(o.transactionId()))) {
                gone.add(id);
            } else {
                kept.add(p);
            }
        }
        entries.clear();
        pending = new LedgerOverlay(committed);
        for (Pending p : kept) {
            entries.put(p.digest(), p);
            pending.add(p.tx());
        }
    }

    private static List<OutputLink> spends(Transaction tx) {
        List<OutputLink> links = new ArrayList<>(tx.inputs().size());
        for (Input input : tx.inputs()) {
            if (input.fulfills() != null) {
                links.add(OutputLink.of(input.fulfills()));
            }
        }
        return links;
    }

    @Override
    public synchronized boolean contains(String transactionId) {
        return pending.contains(transactionId);
    }

    @Override
    public synchronized Optional<LedgerOutput> unspent(OutputLink output) {
        return pending.unspent(output);
    }

    @Override
    public synchronized OptionalInt outputCount(String transactionId) {
        return pending.outputCount(transactionId);
    }

    @Override
    public synchronized Map<String, Long> validators() {
        return pending.validators();
    }
}
