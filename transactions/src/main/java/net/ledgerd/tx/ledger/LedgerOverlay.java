package net.ledgerd.tx.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.ledgerd.tx.model.Input;
import net.ledgerd.tx.model.Transaction;

/**
 * Transactions accepted on top of another view and not yet part of it: the block in progress over
 * the committed ledger (deliver view), or what CheckTx accepted since the last commit (check view).
 * Their outputs exist and the outputs they spend are spent, as if they were in the base view.
 * Not thread-safe; the owner guards it.
 */
public final class LedgerOverlay implements LedgerView {
    private final LedgerView base;
    private final List<Transaction> accepted = new ArrayList<>();
    private final Map<String, Transaction> byId = new HashMap<>();
    private final Set<OutputLink> spent = new HashSet<>();

    public LedgerOverlay(LedgerView base) {
        this.base = base;
    }

    /** Adds a transaction that was validated against this view. */
    public void add(Transaction tx) {
        accepted.add(tx);
        byId.put(tx.id(), tx);
        for (Input input : tx.inputs()) {
            if (input.fulfills() != null) {
                spent.add(OutputLink.of(input.fulfills()));
            }
        }
    }

    /** The added transactions, in the order they were added. */
    public List<Transaction> transactions() {
        return List.copyOf(accepted);
    }

    /** The added transaction with this id, if any. */
    public Optional<Transaction> added(String transactionId) {
        return Optional.ofNullable(byId.get(transactionId));
    }

    /** Whether an added transaction spends this output. */
    public boolean spends(OutputLink output) {
        return spent.contains(output);
    }

    public boolean isEmpty() {
        return accepted.isEmpty();
    }

    @Override
    public boolean contains(String transactionId) {
        return byId.containsKey(transactionId) || base.contains(transactionId);
    }

    @Override
    public Optional<LedgerOutput> unspent(OutputLink output) {
        if (spent.contains(output)) {
            return Optional.empty();
        }
        Transaction tx = byId.get(output.transactionId());
        if (tx != null) {
            return output.outputIndex() < tx.outputs().size()
                    ? Optional.of(LedgerOutput.of(tx, output.outputIndex()))
                    : Optional.empty();
        }
        return base.unspent(output);
    }

    @Override
    public OptionalInt outputCount(String transactionId) {
        Transaction tx = byId.get(transactionId);
        return tx != null ? OptionalInt.of(tx.outputs().size()) : base.outputCount(transactionId);
    }

    /** The base's: a block's transactions change the validator set only at EndBlock. */
    @Override
    public Map<String, Long> validators() {
        return base.validators();
    }
}
