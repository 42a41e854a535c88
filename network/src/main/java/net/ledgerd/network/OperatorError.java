package net.ledgerd.network;

/**
 * Something the operator must fix: a bad flag value, a malformed or inconsistent file, a file that would be
 * overwritten. The message says what is wrong and, where it helps, what to do; the CLI prints it without a stack trace.
 */
public class OperatorError extends RuntimeException {
    public OperatorError(String message) {
        super(message);
    }

    public OperatorError(String message, Throwable cause) {
        super(message, cause);
    }
}
