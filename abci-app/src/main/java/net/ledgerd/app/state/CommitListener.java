package net.ledgerd.app.state;

import java.util.List;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.tx.model.Transaction;

/** Told about every committed block, after it is stored (the event stream listens here). */
public interface CommitListener {
    void committed(BlockRecord block, List<Transaction> transactions);
}
