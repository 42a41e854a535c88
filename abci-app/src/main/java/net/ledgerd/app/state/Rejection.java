package net.ledgerd.app.state;

import net.ledgerd.tx.validation.ValidationException;

/**
 * Why a transaction was refused: a stable rule name (used in logs and metrics), the name of the
 * exception BigchainDB 2.2.2 raises for it (used in HTTP API error bodies), and a message a user
 * can act on. ABCI answers it as code 1 with {@link #log()}.
 */
public final class Rejection extends Exception {
    private final String rule;
    private final String bigchaindbError;
    private final String bigchaindbMessage;

    public Rejection(String rule, String bigchaindbError, String message) {
        this(rule, bigchaindbError, message, message);
    }

    private Rejection(String rule, String bigchaindbError, String message, String bigchaindbMessage) {
        super(message, null, false, false);
        this.rule = rule;
        this.bigchaindbError = bigchaindbError;
        this.bigchaindbMessage = bigchaindbMessage;
    }

    static Rejection of(ValidationException e) {
        return new Rejection(e.rule().name(), e.rule().bigchaindbError(), e.getMessage(), e.bigchaindbMessage());
    }

    public String rule() {
        return rule;
    }

    public String bigchaindbError() {
        return bigchaindbError;
    }

    /** The words BigchainDB 2.2.2 uses for this refusal where it has fixed ones, else {@link #getMessage}. */
    public String bigchaindbMessage() {
        return bigchaindbMessage;
    }

    public String log() {
        return rule + " (" + bigchaindbError + "): " + getMessage();
    }
}
