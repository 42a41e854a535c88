package net.ledgerd.network;

/** A host and port, from HOST:PORT (or [IPv6]:PORT) as operators type it. */
public record Endpoint(String host, int port) {

    public static Endpoint parse(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new OperatorError(what + " is empty; expected HOST:PORT");
        }
        String text = value.strip();
        for (String scheme : new String[] {"tcp://", "http://"}) {
            if (text.startsWith(scheme)) {
                text = text.substring(scheme.length());
            }
        }
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new OperatorError(what + " '" + value + "' must be [IPv6]:PORT");
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                throw new OperatorError(what + " '" + value + "' must be HOST:PORT (IPv6 as [ADDR]:PORT)");
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new OperatorError(what + " '" + value + "' must end in a port number");
        }
        try {
            Checks.hostname(host);
        } catch (OperatorError e) {
            throw new OperatorError(what + " '" + value + "': " + e.getMessage());
        }
        return new Endpoint(host, Checks.port(port, what));
    }

    /** 0.0.0.0 or :: listen on every interface; a local client reaches them on loopback. */
    public boolean isWildcard() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    /** Where a process on this machine connects to reach this listen address. */
    public Endpoint forLocalClient() {
        return isWildcard() ? new Endpoint(host.contains(":") ? "::1" : "127.0.0.1", port) : this;
    }

    @Override
    public String toString() {
        return Checks.hostPort(host, port);
    }

    public String tcp() {
        return "tcp://" + this;
    }
}
