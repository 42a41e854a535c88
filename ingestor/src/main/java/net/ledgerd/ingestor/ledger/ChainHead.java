package net.ledgerd.ingestor.ledger;

import net.ledgerd.tx.model.Transaction;

/** The last committed transaction of an asset (whose output 0 the next TRANSFER spends) and what it covers. */
public record ChainHead(Transaction transaction, Coverage coverage) {}
