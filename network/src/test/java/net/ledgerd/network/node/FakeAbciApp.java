package net.ledgerd.network.node;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The smallest ABCI 0.31 socket app: answers each request with an empty response of the same kind (messages framed by
 * a signed zig-zag varint length). Enough for Tendermint to make blocks; {@link #close()} drops every connection the
 * way a crashing app would.
 */
final class FakeAbciApp implements AutoCloseable {
    /** Request oneof field -> Response oneof field (types.proto of 0.31.5: deliver_tx is 19 in Request, 10 in Response). */
    private static final Map<Integer, Integer> RESPONSE_FOR = Map.ofEntries(
            Map.entry(2, 2),
            Map.entry(3, 3),
            Map.entry(4, 4),
            Map.entry(5, 5),
            Map.entry(6, 6),
            Map.entry(7, 7),
            Map.entry(8, 8),
            Map.entry(9, 9),
            Map.entry(19, 10),
            Map.entry(11, 11),
            Map.entry(12, 12));

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    FakeAbciApp() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "fake-abci-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "fake-abci-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket s) {
        try (s;
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream()) {
            while (true) {
                long zigzag = varint(in);
                int length = (int) ((zigzag >>> 1) ^ -(zigzag & 1));
                byte[] body = in.readNBytes(length);
                if (body.length != length) {
                    return;
                }
                int field = (int) (varint(new java.io.ByteArrayInputStream(body)) >>> 3);
                int tag = (RESPONSE_FOR.get(field) << 3) | 2;
                out.write(new byte[] {4, (byte) tag, 0}); // length 2 as zig-zag varint, then the empty message
                out.flush();
            }
        } catch (IOException e) {
            // connection closed
        }
    }

    private static long varint(InputStream in) throws IOException {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
