package net.ledgerd.tx.conditions;

/** A crypto-condition or fulfillment cannot be decoded, encoded or formed. */
public class CryptoConditionException extends Exception {
    private static final long serialVersionUID = 1L;

    public CryptoConditionException(String message) {
        super(message, null, false, false);
    }
}
