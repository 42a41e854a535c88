package net.ledgerd.app.compat;

/**
 * One comparison of ours with BigchainDB 2.2.2: for an item (family, name) an aspect (check,
 * deliver, apphash, api:...), what each answered, and where they differ (null when the same).
 */
record Check(String family, String name, String aspect, String ours, String bigchaindb, String difference) {
    boolean same() {
        return difference == null;
    }

    static Check of(String family, String name, String aspect, String ours, String bigchaindb) {
        return new Check(
                family,
                name,
                aspect,
                ours,
                bigchaindb,
                ours.equals(bigchaindb) ? null : "ours " + ours + ", BigchainDB " + bigchaindb);
    }
}
