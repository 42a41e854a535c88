package net.ledgerd.tx.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A ledger view with a given validator set over another view's transactions. */
public final class WithValidators implements LedgerView {
    private final LedgerView base;
    private final Map<String, Long> validators;

    public WithValidators(LedgerView base, Map<String, Long> validators) {
        this.base = base;
        this.validators = new LinkedHashMap<>(validators);
    }

    @Override
    public boolean contains(String transactionId) {
        return base.contains(transactionId);
    }

    @Override
    public Optional<LedgerOutput> unspent(OutputLink output) {
        return base.unspent(output);
    }

    @Override
    public OptionalInt outputCount(String transactionId) {
        return base.outputCount(transactionId);
    }

    @Override
    public Map<String, Long> validators() {
        return validators;
    }
}
