package net.ledgerd.network.config;

import java.util.Map;

/** Lets tests in other packages read config.toml with {@link MiniToml}. */
public final class MiniTomlAccess {
    private MiniTomlAccess() {}

    public static Map<String, Object> parse(String text) {
        return MiniToml.parse(text);
    }
}
