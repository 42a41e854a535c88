package net.ledgerd.app.compat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import net.ledgerd.app.abci.FrameCodec;
import net.ledgerd.proto.abci.Request;
import net.ledgerd.proto.abci.RequestFlush;
import net.ledgerd.proto.abci.Response;

/**
 * One ABCI socket connection as Tendermint 0.31.5 opens it (length-prefixed protobuf frames): each
 * call writes the request and a Flush and reads the request's response and the Flush's. Used to
 * drive BigchainDB's ABCI server and ours with the same requests.
 */
final class AbciClient implements AutoCloseable {
    private final String name;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

    private AbciClient(String name, Socket socket) throws IOException {
        this.name = name;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    static AbciClient connect(String name, String host, int port, Duration timeout) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            return new AbciClient(name, s);
        } catch (IOException e) {
            closeQuietly(s);
            throw new AbciConnectionLost(
                    name + ": cannot connect to ABCI " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Sends one request and returns its response; the connection's loss is {@link AbciConnectionLost}. */
    Response call(Request request) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            FrameCodec.writeFrame(buf, request.toByteArray());
            FrameCodec.writeFrame(
                    buf,
                    Request.newBuilder()
                            .setFlush(RequestFlush.getDefaultInstance())
                            .build()
                            .toByteArray());
            out.write(buf.toByteArray());
            out.flush();
            Response response = read();
            if (response.hasException()) {
                throw new AbciConnectionLost(
                        name + " answered " + request.getValueCase() + " with an exception: "
                                + response.getException().getError(),
                        null);
            }
            Response flush = read();
            if (!flush.hasFlush()) {
                throw new AbciConnectionLost(
                        name + " answered Flush with " + flush.getValueCase() + " (out of order)", null);
            }
            return response;
        } catch (IOException e) {
            throw new AbciConnectionLost(
                    name + ": connection lost during " + request.getValueCase() + ": " + e.getMessage(), e);
        }
    }

    private Response read() throws IOException {
        byte[] frame = codec.readFrame(in);
        if (frame == null) {
            throw new java.io.EOFException("the server closed the connection");
        }
        return Response.parseFrom(frame);
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing a socket that is already broken has nothing left to release
        }
    }

    /** The server closed the connection or answered out of protocol: for BigchainDB, its handler crashed. */
    static final class AbciConnectionLost extends RuntimeException {
        AbciConnectionLost(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
