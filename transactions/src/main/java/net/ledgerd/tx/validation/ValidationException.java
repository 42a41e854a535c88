package net.ledgerd.tx.validation;

/**
 * A transaction breaks a named {@link Rule}. The message says what is wrong and where, in words a
 * client can act on; where BigchainDB 2.2.2 words the same refusal in a fixed way, {@link
 * #bigchaindbMessage} is its text, which the HTTP API answers as 2.2.2 does. No stack trace is
 * captured: rejections are routine and may be frequent.
 */
public class ValidationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Rule rule;
    private final String bigchaindbMessage;

    public ValidationException(Rule rule, String message) {
        this(rule, message, message);
    }

    /** {@code bigchaindbMessage}: {@code str(e)} of the exception 2.2.2 raises for this refusal. */
    public ValidationException(Rule rule, String message, String bigchaindbMessage) {
        super(message, null, false, false);
        this.rule = rule;
        this.bigchaindbMessage = bigchaindbMessage;
    }

    public Rule rule() {
        return rule;
    }

    /** BigchainDB 2.2.2's own words for this refusal, or {@link #getMessage} where it has none to match. */
    public String bigchaindbMessage() {
        return bigchaindbMessage;
    }

    @Override
    public String toString() {
        return rule + ": " + getMessage();
    }
}
