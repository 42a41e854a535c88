package net.ledgerd.tx.json;

/** A value cannot be written in BigchainDB's canonical JSON (for example a lone surrogate). */
public class CanonicalJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CanonicalJsonException(String message) {
        super(message);
    }
}
