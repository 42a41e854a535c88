package net.ledgerd.app.store;

import java.util.List;

/** The {@code pre_commit} record written at EndBlock: the block about to be committed (BEP-8). */
public record PreCommitRecord(long height, List<String> transactions) {
    public PreCommitRecord {
        transactions = List.copyOf(transactions);
    }
}
