package net.ledgerd.tx.model;

/** The operations of transaction schema v2.0. Only CREATE and TRANSFER are run by ledgerd. */
public enum Operation {
    CREATE(true),
    TRANSFER(true),
    VALIDATOR_ELECTION(false),
    CHAIN_MIGRATION_ELECTION(false),
    VOTE(false);

    private final boolean supported;

    Operation(boolean supported) {
        this.supported = supported;
    }

    public boolean supported() {
        return supported;
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
