package net.ledgerd.app.state;

/**
 * Told about this node's verdict on each transaction as it is given, with the exact bytes Tendermint
 * sent (the HTTP API's sync and commit modes wait on these). Called on the ABCI threads: it must return
 * at once.
 */
public interface VerdictListener {
    /** CheckTx answered {@code code} (0: accepted into the mempool) for these bytes. */
    void checked(byte[] raw, int code, String log);

    /** DeliverTx refused these bytes in the block being decided (BigchainDB's deliver_tx code). */
    void refusedInBlock(byte[] raw, int code, String log);
}
