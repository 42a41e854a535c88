package net.ledgerd.tx.validation;

/**
 * What {@link Validator#validate} applies besides BigchainDB 2.2.2's rules: the local mempool
 * policy ({@link Rule#mempoolPolicy()}, CheckTx and the HTTP API only, never in a block) and the
 * signature checks, skipped only for bytes this node already verified.
 */
public enum ValidationPolicy {
    /** CheckTx and the HTTP API: the consensus rules, the mempool policy, every signature. */
    MEMPOOL(true, true),
    /**
     * CheckTx of the exact bytes the HTTP API verified: as {@link #MEMPOOL} without the
     * cryptography. Valid because a signature depends only on the transaction's bytes and on the
     * spent outputs' conditions, which the transaction's inputs fix.
     */
    MEMPOOL_ALREADY_VERIFIED(true, false),
    /** DeliverTx: BigchainDB 2.2.2's verdict, every signature. */
    CONSENSUS(false, true),
    /** DeliverTx of the exact bytes CheckTx verified here: {@link #CONSENSUS} without the cryptography. */
    CONSENSUS_ALREADY_VERIFIED(false, false);

    private final boolean mempoolPolicy;
    private final boolean verifySignatures;

    ValidationPolicy(boolean mempoolPolicy, boolean verifySignatures) {
        this.mempoolPolicy = mempoolPolicy;
        this.verifySignatures = verifySignatures;
    }

    public boolean mempoolPolicy() {
        return mempoolPolicy;
    }

    public boolean verifySignatures() {
        return verifySignatures;
    }
}
