package net.ledgerd.ingestor.ledger;

/**
 * What a member's {@code broadcast_tx_sync} said: accepted into its mempool (or already there), or refused by
 * CheckTx with a code and log. Neither means committed: commits are only ever read back from the ledger. {@code
 * known}: the member's mempool cache already held these bytes, so CheckTx did not run: the transaction is in its
 * mempool, or was committed earlier (Tendermint 0.31.5 keeps committed transactions in that cache). {@code member}:
 * which of the configured RPC endpoints answered (its index).
 */
public record BroadcastResult(boolean accepted, int code, String log, boolean known, int member) {}
