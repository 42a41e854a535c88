package net.ledgerd.network.config;

import java.util.Locale;
import net.ledgerd.network.Checks;

/**
 * How Tendermint 0.31.5 will treat a member's host, decided without DNS look-ups: whether its address book would
 * reject it as not publicly routable (addr_book_strict), and whether it is this machine (loopback).
 */
public final class Addresses {
    private Addresses() {}

    /** 127.0.0.0/8, ::1 and localhost. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    /** A 127.x.y.z address: a member on this machine with an address of its own to listen on. */
    public static boolean isLoopbackIp(String host) {
        return host.matches("127(\\.\\d{1,3}){3}");
    }

    /**
     * True when the host is an IP address Tendermint's strict address book refuses (loopback, private RFC 1918,
     * link-local, carrier-grade NAT, unique-local IPv6), or a name that can only be local: no dot in it (a container
     * or service name), localhost, or a .local / .internal / .lan name.
     */
    public static boolean isPrivateOrLocal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (isLoopback(h)) {
            return true;
        }
        if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] p = h.split("\\.");
            int a = Integer.parseInt(p[0]);
            int b = Integer.parseInt(p[1]);
            return a == 10
                    || a == 0
                    || (a == 172 && b >= 16 && b <= 31)
                    || (a == 192 && b == 168)
                    || (a == 169 && b == 254)
                    || (a == 100 && b >= 64 && b <= 127);
        }
        if (Checks.isIpLiteral(h)) {
            return h.startsWith("fc")
                    || h.startsWith("fd")
                    || h.startsWith("fe8")
                    || h.startsWith("fe9")
                    || h.startsWith("fea")
                    || h.startsWith("feb")
                    || h.equals("::");
        }
        String name = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        return !name.contains(".")
                || name.endsWith(".local")
                || name.endsWith(".internal")
                || name.endsWith(".lan")
                || name.endsWith(".home.arpa");
    }
}
