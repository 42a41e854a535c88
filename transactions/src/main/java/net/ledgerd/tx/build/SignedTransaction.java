package net.ledgerd.tx.build;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import net.ledgerd.tx.model.Transaction;

/**
 * A signed transaction and its JSON bytes: the canonical serialization (sorted keys, no
 * whitespace, raw UTF-8), which is what the Python driver's {@code serialize} gives and what
 * BigchainDB hashes. Any JSON encoding of the same value is equally valid on the wire.
 */
public record SignedTransaction(Transaction transaction, byte[] bytes) {
    public String id() {
        return transaction.id();
    }

    public ObjectNode json() {
        return transaction.json();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
