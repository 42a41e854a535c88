package net.ledgerd.app.store;

/** A row of {@code utxos}, with the fields of BigchainDB's UnspentOutput. */
public record UnspentOutput(String transactionId, int outputIndex, long amount, String assetId, String conditionUri) {
    public OutputLink link() {
        return new OutputLink(transactionId, outputIndex);
    }
}
