package net.ledgerd.tx.model;

import java.util.Objects;

/** A link from a TRANSFER input to the output it spends: {@code {"transaction_id", "output_index"}}. */
public record Fulfills(String transactionId, int outputIndex) {
    public Fulfills {
        Objects.requireNonNull(transactionId, "transactionId");
        if (outputIndex < 0) {
            throw new IllegalArgumentException("outputIndex must be >= 0");
        }
    }

    /** The text BigchainDB appends to the signing message of the input: {@code txid + str(index)}. */
    public String signingSuffix() {
        return transactionId + outputIndex;
    }
}
