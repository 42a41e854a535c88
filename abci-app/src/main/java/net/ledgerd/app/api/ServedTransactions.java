package net.ledgerd.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.validation.ValidationException;

/**
 * The form in which the HTTP API serves a committed transaction. BigchainDB 2.2.2 stores the JSON
 * as received and serves {@code Transaction.from_dict(stored).to_dict()}: output amounts as
 * {@code str(int(amount))} ({@code "007"} as {@code "7"}), condition uris recomputed from their
 * details, fulfillments re-encoded ({@link net.ledgerd.tx.model.Transaction#servedForm()}).
 */
final class ServedTransactions {
    private ServedTransactions() {}

    static ObjectNode of(ObjectNode stored) {
        String id = stored.path("id").asText();
        try {
            return Transactions.parse(stored)
                    .servedForm()
                    // 2.2.2 commits such a transaction, then fails with an internal error when serving it.
                    .orElseThrow(() -> ApiError.internal("transaction " + id
                            + " is stored but its outputs form no condition; 2.2.2 cannot serve it"));
        } catch (ValidationException e) {
            // Only a database another writer filled can hold one; DeliverTx parsed every transaction we stored.
            throw ApiError.internal("stored transaction " + id + " does not parse: " + e.getMessage());
        }
    }
}
