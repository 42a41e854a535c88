package net.ledgerd.app.state;

import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.tx.model.Transaction;

import java.util.List;

/** Told about every committed block, after it is stored (the event stream listens here). */
public interface CommitListener {
    void committed(BlockRecord block, List<Transaction> transactions);
}
