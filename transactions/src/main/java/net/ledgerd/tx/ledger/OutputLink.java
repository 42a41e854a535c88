package net.ledgerd.tx.ledger;

import net.ledgerd.tx.model.Fulfills;

/** One output of one transaction: what a TRANSFER input points at, and the key of a {@code utxos} row. */
public record OutputLink(String transactionId, int outputIndex) {
    public static OutputLink of(Fulfills fulfills) {
        return new OutputLink(fulfills.transactionId(), fulfills.outputIndex());
    }

    /** The {@code _id} of its {@code utxos} row: {@code txid:index}. */
    public String key() {
        return transactionId + ":" + outputIndex;
    }
}
