package net.ledgerd.app.state;

import java.util.Optional;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.app.store.PreCommitRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEP-8 crash recovery, run at start before Tendermint connects, and at BeginBlock when the app's
 * previous block was not finished (its Commit failed, or Tendermint stopped between EndBlock and
 * Commit, and Tendermint restarted replays it): a pre-commit record above the latest stored block
 * means Commit was interrupted; whatever EndBlock and Commit wrote of that block (election rows,
 * the next validator set, a chain migration, transactions) is removed, and the block is then
 * replayed from the last complete height. The history documents only follow stored blocks (see
 * {@code HistoryFeed}), so nothing of them is undone.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {}

    static void rollBackInterruptedCommit(LedgerStore store) {
        Optional<PreCommitRecord> preCommit = store.preCommit();
        if (preCommit.isEmpty()) {
            return;
        }
        Optional<BlockRecord> latest = store.latestBlock();
        if (latest.isEmpty()) {
            throw new IllegalStateException("the database has a pre-commit record for height "
                    + preCommit.get().height()
                    + " but no blocks; it was not written by this application or BigchainDB");
        }
        if (latest.get().height() < preCommit.get().height()) {
            log.warn(
                    "Commit of block {} was interrupted; removing its {} partly stored transactions before replay",
                    preCommit.get().height(),
                    preCommit.get().transactions().size());
            new ElectionProcessor(store).rollBack(preCommit.get().height());
            store.revertUtxos(preCommit.get().transactions());
            store.deleteTransactions(preCommit.get().transactions());
        }
    }
}
