package net.ledgerd.ingestor.config;

/** A configuration value that is missing or wrong; the message names the key and what it must be. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
