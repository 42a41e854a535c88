package net.ledgerd.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free loopback ports for child processes, and waiting until a port accepts connections. */
public final class FreePorts {
    /** Ports already handed out in this JVM, so two callers never get the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** One free port on 127.0.0.1. */
    public static int next() {
        return next(1)[0];
    }

    /** {@code count} distinct free ports on 127.0.0.1 (all held open together while choosing). */
    public static int[] next(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            for (int attempt = 0; found < count && attempt < count + 100; attempt++) {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
                held.add(s);
                if (HANDED_OUT.add(s.getLocalPort())) {
                    ports[found++] = s.getLocalPort();
                }
            }
            if (found < count) {
                throw new IllegalStateException("could not find " + count + " free loopback ports");
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    /** Whether something accepts TCP connections at host:port right now. */
    public static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until host:port accepts connections; fails early (naming its log) if the process exits. */
    public static void awaitAccepting(String host, int port, Duration timeout, ChildProcess process) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (accepts(host, port)) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited (code " + process.exitCode()
                        + ") before listening on " + host + ":" + port + "; " + process.describeLog());
            }
            sleep(100);
        }
        throw new IllegalStateException("nothing listens on " + host + ":" + port + " after " + timeout
                + (process == null ? "" : "; " + process.describeLog()));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
