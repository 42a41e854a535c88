package net.ledgerd.app.store;

import java.util.List;

/** A row of {@code validators}: the set in force from {@code height} on. */
public record ValidatorChange(long height, List<ValidatorRecord> validators) {
    public ValidatorChange {
        validators = List.copyOf(validators);
    }
}
