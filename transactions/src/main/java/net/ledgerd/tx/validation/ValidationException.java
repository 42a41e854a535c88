package net.ledgerd.tx.validation;

/**
 * A transaction breaks a named {@link Rule}. The message says what is wrong and where, in words a
 * client can act on. No stack trace is captured: rejections are routine and may be frequent.
 */
public class ValidationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Rule rule;

    public ValidationException(Rule rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }

    @Override
    public String toString() {
        return rule + ": " + getMessage();
    }
}
