package net.ledgerd.tx.validation;

/** Whether {@link Validator#validate} runs the cryptography of the fulfillments. */
public enum SignaturePolicy {
    /** Verify every fulfillment. */
    VERIFY,
    /**
     * These exact bytes already passed {@link #VERIFY} on this node (CheckTx before DeliverTx): skip
     * the signature checks, keep every other rule. Valid because a signature depends only on the
     * transaction's bytes and on the spent outputs' conditions, which never change.
     */
    ALREADY_VERIFIED
}
