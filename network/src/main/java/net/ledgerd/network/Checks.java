package net.ledgerd.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Checks of the values operators type and exchange, each failing with a message that names the value and the rule. */
public final class Checks {
    /** Tendermint 0.31.5 types.MaxChainIDLen. */
    public static final int MAX_CHAIN_ID_LENGTH = 50;

    public static final int MAX_MONIKER_LENGTH = 64;

    private static final Pattern CHAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern DNS_LABEL = Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NODE_ID = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-F]{40}");

    private Checks() {}

    /**
     * A chain id Tendermint accepts (non-empty, at most 50 bytes) and that is safe to type and put in file names:
     * letters, digits, '.', '_' and '-', starting with a letter or digit.
     */
    public static String chainId(String value) {
        if (value == null || value.isEmpty()) {
            throw new OperatorError("chain id is empty");
        }
        if (value.length() > MAX_CHAIN_ID_LENGTH) {
            throw new OperatorError("chain id '" + value + "' is " + value.length()
                    + " characters; Tendermint allows at most " + MAX_CHAIN_ID_LENGTH);
        }
        if (!CHAIN_ID.matcher(value).matches()) {
            throw new OperatorError("chain id '" + value
                    + "' may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit");
        }
        return value;
    }

    /** A moniker Tendermint's peers accept: printable ASCII (no tabs or newlines), not blank, at most 64 characters. */
    public static String moniker(String value) {
        if (value == null || value.isBlank()) {
            throw new OperatorError("moniker is empty");
        }
        if (!value.equals(value.strip())) {
            throw new OperatorError("moniker '" + value + "' starts or ends with spaces");
        }
        if (value.length() > MAX_MONIKER_LENGTH) {
            throw new OperatorError("moniker '" + value + "' is longer than " + MAX_MONIKER_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 32 || c > 126) {
                throw new OperatorError("moniker '" + value
                        + "' must be printable ASCII (Tendermint peers reject other characters); character " + (i + 1)
                        + " is not");
            }
        }
        return value;
    }

    /** A host other members can dial: a DNS name, an IPv4 address or an IPv6 address (without brackets). */
    public static String hostname(String value) {
        if (value == null || value.isEmpty()) {
            throw new OperatorError("hostname is empty");
        }
        if (value.contains(":")) {
            if (value.startsWith("[") || !isIpLiteral(value)) {
                throw new OperatorError(
                        "hostname '" + value + "' is not a host name or IP address (give the port separately)");
            }
            return value;
        }
        if (IPV4.matcher(value).matches()) {
            for (String part : value.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new OperatorError("hostname '" + value + "' is not a valid IPv4 address");
                }
            }
            return value;
        }
        if (value.length() > 253) {
            throw new OperatorError("hostname '" + value + "' is longer than 253 characters");
        }
        String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        for (String label : name.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                throw new OperatorError("hostname '" + value + "' is not a valid DNS name (label '" + label + "')");
            }
        }
        return value;
    }

    public static int port(int value, String what) {
        if (value < 1 || value > 65535) {
            throw new OperatorError(what + " must be a port number 1..65535, got " + value);
        }
        return value;
    }

    /** A Tendermint node id: 40 lower-case hex characters (20 bytes). */
    public static String nodeId(String value, String what) {
        if (value == null || !NODE_ID.matcher(value).matches()) {
            throw new OperatorError(
                    what + " must be a Tendermint node id (40 lower-case hex characters), got '" + value + "'");
        }
        return value;
    }

    /** A validator address: 40 upper-case hex characters (20 bytes). */
    public static String address(String value, String what) {
        if (value == null || !ADDRESS.matcher(value).matches()) {
            throw new OperatorError(
                    what + " must be a validator address (40 upper-case hex characters), got '" + value + "'");
        }
        return value;
    }

    public static boolean isIpLiteral(String host) {
        if (IPV4.matcher(host).matches()) {
            return true;
        }
        if (!host.contains(":") || !host.matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
            return false;
        }
        try {
            // an IPv6 literal never triggers a DNS lookup
            return InetAddress.getByName(host) != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** host:port as Tendermint writes it, with brackets around an IPv6 address. */
    public static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
