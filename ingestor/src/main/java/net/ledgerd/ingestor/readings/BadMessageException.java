package net.ledgerd.ingestor.readings;

/**
 * A message the ingestor cannot turn into readings. {@link #reason()} is a stable code (the dead-letter header
 * {@code ledgerd.reason}); the message says what is wrong and where, for whoever fixes the device.
 */
public final class BadMessageException extends Exception {
    /** Why a message is refused. */
    public enum Reason {
        NOT_JSON,
        WRONG_SHAPE,
        MISSING_FIELD,
        WRONG_TYPE,
        OVERSIZED,
        NO_DEVICE
    }

    private final Reason reason;

    public BadMessageException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
