package net.ledgerd.tx.conditions;

/** The crypto-condition types of draft-thomas-crypto-conditions-03, with their ids and names. */
public enum ConditionType {
    PREIMAGE_SHA256(0, "preimage-sha-256", false),
    PREFIX_SHA256(1, "prefix-sha-256", true),
    THRESHOLD_SHA256(2, "threshold-sha-256", true),
    RSA_SHA256(3, "rsa-sha-256", false),
    ED25519_SHA256(4, "ed25519-sha-256", false);

    private final int id;
    private final String typeName;
    private final boolean compound;

    ConditionType(int id, String typeName, boolean compound) {
        this.id = id;
        this.typeName = typeName;
        this.compound = compound;
    }

    public int id() {
        return id;
    }

    /** The name used in condition URIs ({@code fpt=}, {@code subtypes=}) and details ({@code type}). */
    public String typeName() {
        return typeName;
    }

    /** Compound types carry a subtypes bit string in their condition. */
    public boolean compound() {
        return compound;
    }

    public int bit() {
        return 1 << id;
    }

    public static ConditionType byId(int id) {
        return id >= 0 && id < VALUES.length ? VALUES[id] : null;
    }

    public static ConditionType byName(String name) {
        for (ConditionType t : VALUES) {
            if (t.typeName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static final ConditionType[] VALUES = values();
}
