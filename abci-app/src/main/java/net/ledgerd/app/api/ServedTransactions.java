package net.ledgerd.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The form in which the HTTP API serves a committed transaction. BigchainDB 2.2.2 stores the JSON
 * as received and serves {@code Transaction.from_dict(stored).to_dict()}: output amounts as
 * {@code str(int(amount))} ({@code "007"} as {@code "7"}), condition uris recomputed from their
 * details, fulfillments re-encoded.
 *
 * <p>SEAM (issue 10, item 3): that form comes from the transactions library
 * ({@code Transaction.servedForm()}, being added on branch compat-rules). Until it reaches main,
 * the stored JSON is served as it is, which differs from 2.2.2 only for such non-canonical
 * amounts, uris and fulfillments.
 */
final class ServedTransactions {
    private ServedTransactions() {}

    static ObjectNode of(ObjectNode stored) {
        return stored;
    }
}
