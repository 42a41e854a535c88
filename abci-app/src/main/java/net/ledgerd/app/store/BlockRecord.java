package net.ledgerd.app.store;

import java.util.List;

/** A row of the {@code blocks} collection: BigchainDB's (app_hash, height, transactions). */
public record BlockRecord(long height, String appHash, List<String> transactions) {
    public BlockRecord {
        transactions = List.copyOf(transactions);
    }
}
