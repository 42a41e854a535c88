package net.ledgerd.app.store;

/** A paging cursor that is not one this ledger handed out: the reason says what is wrong with it. */
public final class InvalidCursorException extends RuntimeException {
    public InvalidCursorException(String reason) {
        super(reason);
    }
}
