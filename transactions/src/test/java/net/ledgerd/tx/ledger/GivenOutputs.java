package net.ledgerd.tx.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;

/** A ledger holding exactly the outputs a TRANSFER's inputs point at, as a test gives them. */
public final class GivenOutputs implements LedgerView {
    private final Map<OutputLink, LedgerOutput> outputs = new HashMap<>();

    /** Input i of {@code tx} spends {@code spent.get(i)}, an output of asset {@code assetIds.get(i)}. */
    public static GivenOutputs forInputs(Transaction tx, List<Output> spent, List<String> assetIds) {
        if (spent.size() != tx.inputs().size() || assetIds.size() != spent.size()) {
            throw new IllegalArgumentException("one spent output and asset id per input");
        }
        GivenOutputs view = new GivenOutputs();
        for (int i = 0; i < spent.size(); i++) {
            OutputLink link = OutputLink.of(tx.inputs().get(i).fulfills());
            view.outputs.put(link, LedgerOutput.of(link, spent.get(i), assetIds.get(i)));
        }
        return view;
    }

    @Override
    public boolean contains(String transactionId) {
        return outputs.keySet().stream().anyMatch(l -> l.transactionId().equals(transactionId));
    }

    @Override
    public Optional<LedgerOutput> unspent(OutputLink output) {
        return Optional.ofNullable(outputs.get(output));
    }

    @Override
    public OptionalInt outputCount(String transactionId) {
        return outputs.keySet().stream()
                .filter(l -> l.transactionId().equals(transactionId))
                .mapToInt(l -> l.outputIndex() + 1)
                .max();
    }

    @Override
    public Map<String, Long> validators() {
        return Map.of();
    }
}
