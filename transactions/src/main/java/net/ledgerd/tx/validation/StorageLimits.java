package net.ledgerd.tx.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What MongoDB can store, checked before a transaction is accepted rather than discovered at Commit
 * (where BigchainDB 2.2.2 crashes): documents nested at most {@value #MAX_DOCUMENT_DEPTH} levels and
 * integers of at most 64 bits. A transaction whose stored documents go beyond either is refused
 * ({@link Rule#NOT_STORABLE}).
 *
 * <p>2.2.2 stores a transaction as three documents (its {@code store_bulk_transactions}): a CREATE's
 * asset as {@code {"data": .., "id": ..}} in {@code assets}, the metadata as {@code {"id": ..,
 * "metadata": ..}} in {@code metadata}, and the rest in {@code transactions} (another operation's
 * asset stays there). MongoDB 3.6, 2.2.2's database, refuses to insert a document deeper than 180
 * levels: the document is level 1 and every object or array inside it, empty or not, adds one
 * ({@code BSONDepth::getMaxDepthForUserStorage()}, 200 minus 20 levels kept for the server's own
 * wrapping; {@code validateDepth} in {@code db/ops/insert.cpp}).
 */
public final class StorageLimits {
    /** The deepest document MongoDB 3.6 inserts. */
    public static final int MAX_DOCUMENT_DEPTH = 180;

    private StorageLimits() {}

    public static void check(JsonNode tx) throws ValidationException {
        checkIntegers(tx);
        boolean create = "CREATE".equals(tx.path("operation").asText());
        int transactionDepth = 1;
        for (Iterator<Map.Entry<String, JsonNode>> it = tx.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (key.equals("metadata")) {
                requireStorable("the metadata document ({\"id\", \"metadata\"})", 1 + depth(field.getValue()));
            } else if (key.equals("asset") && create) {
                requireStorable("the asset document ({\"data\", \"id\"})", depth(field.getValue()));
            } else {
                transactionDepth = Math.max(transactionDepth, 1 + depth(field.getValue()));
            }
        }
        requireStorable("the transaction document", transactionDepth);
    }

    /** Levels of nesting: 0 for a scalar, one more than its deepest child for an object or array. */
    static int depth(JsonNode node) {
        int deepest = 0;
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                deepest = Math.max(deepest, depth(child));
            }
            return deepest + 1;
        }
        return deepest;
    }

    private static void requireStorable(String document, int depth) throws ValidationException {
        if (depth > MAX_DOCUMENT_DEPTH) {
            throw new ValidationException(
                    Rule.NOT_STORABLE,
                    document + " would nest " + depth + " levels and MongoDB stores at most " + MAX_DOCUMENT_DEPTH
                            + "; flatten the asset data or metadata");
        }
    }

    private static void checkIntegers(JsonNode node) throws ValidationException {
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                checkIntegers(child);
            }
        } else if (node.isIntegralNumber() && !node.canConvertToLong()) {
            throw new ValidationException(
                    Rule.NOT_STORABLE,
                    "the integer " + node.asText()
                            + " does not fit in 64 bits, which MongoDB cannot store; send it as a string");
        }
    }
}
