package net.ledgerd.app.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.ledgerd.tx.model.Transaction;

/**
 * The deliver state of the block being executed: the transactions accepted so far, in order, and the
 * outputs they spend. Validation in DeliverTx sees these as if they were committed.
 */
final class BlockInProgress {
    private final List<Transaction> accepted = new ArrayList<>();
    private final Map<String, Transaction> byId = new HashMap<>();
    private final Set<String> spentOutputs = new HashSet<>();

    static String outputKey(String transactionId, long outputIndex) {
        return transactionId + ":" + outputIndex;
    }

    void add(Transaction tx) {
        accepted.add(tx);
        byId.put(tx.id(), tx);
        tx.inputs().forEach(input -> {
            if (input.fulfills() != null) {
                spentOutputs.add(outputKey(
                        input.fulfills().transactionId(), input.fulfills().outputIndex()));
            }
        });
    }

    Transaction find(String transactionId) {
        return byId.get(transactionId);
    }

    boolean contains(String transactionId) {
        return byId.containsKey(transactionId);
    }

    boolean spends(String transactionId, long outputIndex) {
        return spentOutputs.contains(outputKey(transactionId, outputIndex));
    }

    List<Transaction> transactions() {
        return List.copyOf(accepted);
    }

    List<String> ids() {
        return accepted.stream().map(Transaction::id).toList();
    }
}
