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

    public Rejection(String rule, String bigchaindbError, String message) {
        super(message, null, false, false);
        this.rule = rule;
        this.bigchaindbError = bigchaindbError;
    }

    static Rejection of(ValidationException e) {
        return new Rejection(e.rule().name(), e.rule().bigchaindbError(), e.getMessage());
    }

    public String rule() {
        return rule;
    }

    public String bigchaindbError() {
        return bigchaindbError;
    }

    public String log() {
        return rule + " (" + bigchaindbError + "): " + getMessage();
    }
}
