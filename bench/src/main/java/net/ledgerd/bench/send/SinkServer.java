package net.ledgerd.bench.send;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process stand-in for a member that accepts everything at once (Tendermint's {@code broadcast_tx_*} answer, or
 * the API's 202), to measure how fast the sender itself can send on this machine: one thread per keep-alive
 * connection, each answer one write. It shares the sender's CPU, so the figure is a lower bound of the sender's rate.
 */
public final class SinkServer implements AutoCloseable {
    private static final byte[] RPC_ANSWER = answer(
            "200 OK",
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"code\":0,\"data\":\"\",\"log\":\"\",\"hash\":\"00\"}}");
    private static final byte[] API_ANSWER = answer("202 ACCEPTED", "{}");

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    public SinkServer() throws IOException {
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + "/");
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                open.add(s);
                Thread t = new Thread(() -> serve(s), "sink");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                int length = 0;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                in.readNBytes(length);
                out.write(requestLine.contains(" /api/") ? API_ANSWER : RPC_ANSWER);
                out.flush();
            }
        } catch (IOException e) {
            // the sender closed its connection
        } finally {
            open.remove(s);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                return b.toString().strip();
            }
            b.append((char) c);
        }
        return null;
    }

    private static byte[] answer(String status, String body) {
        return ("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
