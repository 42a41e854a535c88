package net.ledgerd.ingestor.ledger;

/** No configured member answered within the deadline; the message lists what each one said. */
public final class LedgerUnavailableException extends Exception {
    public LedgerUnavailableException(String message) {
        super(message);
    }
}
