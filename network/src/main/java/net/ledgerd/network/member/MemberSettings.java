package net.ledgerd.network.member;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import net.ledgerd.network.Checks;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.SafeFiles;

/**
 * What a member says about itself besides its keys, kept in {@code member.properties} in its home: its moniker (the
 * validator's name in genesis and Tendermint's moniker), and the host name and p2p port other members dial.
 */
public record MemberSettings(String moniker, String hostname, int p2pPort) {
    public static final String FILE_NAME = "member.properties";
    public static final int DEFAULT_P2P_PORT = 26656;
    private static final Set<String> KEYS = Set.of("moniker", "hostname", "p2p_port");

    public MemberSettings {
        Checks.moniker(moniker);
        Checks.hostname(hostname);
        Checks.port(p2pPort, "p2p port");
    }

    public String render() {
        return "# This member's public identity, written by `ledgerd-network member init`.\n"
                + "# `ledgerd-network member info` shares it with the other members, with the public keys.\n"
                + "# moniker: the validator's name in genesis.json and Tendermint's moniker.\n"
                + "moniker=" + escape(moniker) + "\n"
                + "# hostname and p2p_port: where the other members' Tendermint dials this member's (id@hostname:p2p_port).\n"
                + "hostname=" + hostname + "\n"
                + "p2p_port=" + p2pPort + "\n";
    }

    public void write(Path file) {
        SafeFiles.write(file, render(), SafeFiles.PUBLIC);
    }

    public static MemberSettings read(Path file) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(SafeFiles.read(file)));
        } catch (IOException e) {
            throw new OperatorError("cannot read " + file + ": " + e.getMessage());
        }
        for (String key : props.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new OperatorError(file + ": unknown key '" + key + "'; known keys: moniker, hostname, p2p_port");
            }
        }
        for (String key : KEYS) {
            if (props.getProperty(key) == null) {
                throw new OperatorError(file + ": '" + key + "' is missing");
            }
        }
        int port;
        try {
            port = Integer.parseInt(props.getProperty("p2p_port").strip());
        } catch (NumberFormatException e) {
            throw new OperatorError(file + ": p2p_port must be a number, got '" + props.getProperty("p2p_port") + "'");
        }
        try {
            return new MemberSettings(
                    props.getProperty("moniker"), props.getProperty("hostname").strip(), port);
        } catch (OperatorError e) {
            throw new OperatorError(file + ": " + e.getMessage());
        }
    }

    /** java.util.Properties escaping for the few characters a moniker may hold that it treats specially. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '#' || c == '!' || c == '=' || c == ':' || (c == ' ' && i == 0)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
