package net.ledgerd.app.store;

/** A link to one output of a transaction: BigchainDB's {transaction_id, output_index}. */
public record OutputLink(String transactionId, int outputIndex) {}
