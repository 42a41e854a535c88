package net.ledgerd.ingestor.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An asset's transactions as the ledger holds them, in chain order: its CREATE, then each TRANSFER that spends the
 * one before. The API lists a history in storage order, which says nothing about the chain; following the inputs
 * does, and it also shows what exactly-once forbids: two transactions spending one output (a second copy) or a
 * transaction that is not on the chain.
 */
public final class RecordedChain {
    /** A history that is not one chain from the asset's CREATE, with what is wrong. */
    public static final class BrokenChainException extends Exception {
        BrokenChainException(String message) {
            super(message);
        }
    }

    private RecordedChain() {}

    /**
     * The TRANSFERs of the history of asset {@code assetId}, in chain order (the CREATE, whose id is the asset's, is
     * not among them). An empty history is an empty chain.
     */
    public static List<JsonNode> transfers(String assetId, List<JsonNode> history) throws BrokenChainException {
        Map<String, JsonNode> bySpent = new HashMap<>();
        int creates = 0;
        for (JsonNode tx : history) {
            if (!tx.path("operation").asText().equals("TRANSFER")) {
                creates += tx.path("id").asText().equals(assetId) ? 1 : 0;
                continue;
            }
            String spent = tx.path("inputs")
                    .path(0)
                    .path("fulfills")
                    .path("transaction_id")
                    .asText();
            JsonNode other = bySpent.put(spent, tx);
            if (other != null) {
                throw new BrokenChainException("asset " + assetId + ": transactions "
                        + other.path("id").asText() + " and " + tx.path("id").asText() + " both spend " + spent);
            }
        }
        List<JsonNode> chain = new ArrayList<>();
        for (JsonNode tx = bySpent.get(assetId);
                tx != null;
                tx = bySpent.get(tx.path("id").asText())) {
            chain.add(tx);
        }
        if (creates != 1 && !history.isEmpty()) {
            throw new BrokenChainException("asset " + assetId + ": " + creates + " CREATEs with the asset's id");
        }
        int onChain = history.isEmpty() ? 0 : chain.size() + 1;
        if (onChain != history.size()) {
            throw new BrokenChainException("asset " + assetId + ": " + history.size() + " transactions, " + onChain
                    + " of them on its chain from the CREATE");
        }
        return chain;
    }
}
