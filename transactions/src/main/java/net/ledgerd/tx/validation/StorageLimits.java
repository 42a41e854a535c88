package net.ledgerd.tx.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What MongoDB can store, checked before a transaction is accepted rather than discovered at Commit
 * (where BigchainDB 2.2.2 crashes): documents nest at most 100 levels, and integers have at most
 * 64 bits. A transaction whose asset data or metadata goes beyond either is refused ({@link
 * Rule#NOT_STORABLE}).
 */
public final class StorageLimits {
    /** Leaves room for the levels the stored documents add around asset data and metadata. */
    public static final int MAX_DEPTH = 90;

    private StorageLimits() {}

    public static void check(JsonNode tx) throws ValidationException {
        walk(tx, 1);
    }

    private static void walk(JsonNode node, int depth) throws ValidationException {
        if (node.isContainerNode()) {
            if (depth > MAX_DEPTH) {
                throw new ValidationException(
                        Rule.NOT_STORABLE,
                        "the transaction nests deeper than " + MAX_DEPTH + " levels, which MongoDB cannot store");
            }
            for (JsonNode child : node) {
                walk(child, depth + 1);
            }
        } else if (node.isIntegralNumber() && !node.canConvertToLong()) {
            throw new ValidationException(
                    Rule.NOT_STORABLE,
                    "the integer " + node.asText()
                            + " does not fit in 64 bits, which MongoDB cannot store; send it as a string");
        }
    }
}
