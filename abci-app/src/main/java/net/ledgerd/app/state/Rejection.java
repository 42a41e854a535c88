package net.ledgerd.app.state;

/**
 * Why a transaction was refused: a stable rule name (BigchainDB's exception name where it has one)
 * and a message a user can act on. Answered as code 1 with "rule: message" as the log.
 */
public final class Rejection extends Exception {
    private final String rule;

    public Rejection(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    public String log() {
        return rule + ": " + getMessage();
    }
}
