package net.ledgerd.tx.model;

/**
 * The operations of transaction schema v2.0. Elections are CREATE-like (BigchainDB 2.2.2's {@code
 * Election} renames CREATE to its operation: one input with {@code fulfills: null}, new outputs, the
 * asset id is the transaction's id); a VOTE is TRANSFER-like (it spends outputs of an asset).
 */
public enum Operation {
    CREATE(true),
    TRANSFER(false),
    VALIDATOR_ELECTION(true),
    CHAIN_MIGRATION_ELECTION(true),
    VOTE(false);

    private final boolean createLike;

    Operation(boolean createLike) {
        this.createLike = createLike;
    }

    /** CREATE or an election: issues an asset whose id is the transaction's id. */
    public boolean createLike() {
        return createLike;
    }

    /** TRANSFER or VOTE: spends earlier outputs of {@code asset.id}. */
    public boolean transferLike() {
        return !createLike;
    }

    /** VALIDATOR_ELECTION or CHAIN_MIGRATION_ELECTION. */
    public boolean election() {
        return this == VALIDATOR_ELECTION || this == CHAIN_MIGRATION_ELECTION;
    }

    /** The operation with this exact name, or null. */
    public static Operation of(String name) {
        for (Operation o : values()) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }
}
