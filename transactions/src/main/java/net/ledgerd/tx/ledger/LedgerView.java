package net.ledgerd.tx.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ledger state a transaction is validated against (as Cosmos SDK's baseapp keeps one rule order
 * and hands it a different state for CheckTx and DeliverTx). The committed view is the node's
 * database; views for a block in progress or for the mempool are {@link LedgerOverlay}s over it.
 * Implementations outside this library do the I/O; the rules only ask these questions.
 */
public interface LedgerView {
    /** Whether a transaction with this id is in the ledger this view shows. */
    boolean contains(String transactionId);

    /** The output if it exists in this view and no transaction in it spends it. */
    Optional<LedgerOutput> unspent(OutputLink output);

    /**
     * The number of outputs of a transaction in this view, empty if there is none. Asked only when
     * {@link #unspent} found nothing, to tell a missing input from a spent one.
     */
    OptionalInt outputCount(String transactionId);

    /**
     * The current validator set as BigchainDB 2.2.2's {@code Election.get_validators} gives it:
     * base58 public key to voting power, from the {@code validators} row of the greatest height
     * (which, right after an election concluded, is the set Tendermint applies a block later).
     */
    Map<String, Long> validators();

    /** A ledger with no transactions. */
    LedgerView EMPTY = new LedgerView() {
        @Override
        public boolean contains(String transactionId) {
            return false;
        }

        @Override
        public Optional<LedgerOutput> unspent(OutputLink output) {
            return Optional.empty();
        }

        @Override
        public OptionalInt outputCount(String transactionId) {
            return OptionalInt.empty();
        }

        @Override
        public Map<String, Long> validators() {
            return Map.of();
        }
    };
}
