package net.ledgerd.ingestor.ledger;

/**
 * What a member's {@code broadcast_tx_sync} said: accepted into its mempool (or already there), or refused by
 * CheckTx with a code and log. Neither means committed: commits are only ever read back from the ledger.
 */
public record BroadcastResult(boolean accepted, int code, String log) {}
