package net.ledgerd.app.abci;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.ledgerd.proto.abci.Request;
import net.ledgerd.proto.abci.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ABCI socket transport Tendermint 0.31.5 connects to. Tendermint opens three connections
 * (query, mempool, consensus); each gets its own thread, reads requests in order and answers them
 * in the same order. Answers are buffered and written out when a Flush is answered, which is
 * after every earlier response of that connection. A connection that sends a malformed frame is
 * closed on its own; the server and the other connections go on.
 */
public final class SocketServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketServer.class);

    private final RequestDispatcher dispatcher;
    private final FrameCodec codec;
    private final ServerSocket serverSocket;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCounter = new AtomicInteger();
    private final Thread acceptThread;
    private volatile boolean closed;

    public SocketServer(AbciApplication app, InetSocketAddress address, int maxFrameBytes) throws IOException {
        this.dispatcher = new RequestDispatcher(app);
        this.codec = new FrameCodec(maxFrameBytes);
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(address);
        this.acceptThread = new Thread(this::acceptLoop, "abci-accept");
    }

    public void start() {
        acceptThread.start();
        log.info("ABCI socket server listening on {}", serverSocket.getLocalSocketAddress());
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                int id = connectionCounter.incrementAndGet();
                connections.add(socket);
                Thread t = new Thread(() -> serve(socket, id), "abci-conn-" + id);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    log.error("ABCI accept failed; still listening", e);
                }
            }
        }
    }

    private void serve(Socket socket, int id) {
        log.info("ABCI connection {} opened from {}", id, socket.getRemoteSocketAddress());
        try (socket;
                InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
            serveStream(in, out);
            log.info("ABCI connection {} closed by Tendermint", id);
        } catch (FrameCodec.FramingException e) {
            log.error("ABCI connection {} closed: malformed frame: {}", id, e.getMessage());
        } catch (InvalidProtocolBufferException e) {
            log.error("ABCI connection {} closed: frame is not an ABCI request: {}", id, e.getMessage());
        } catch (EOFException e) {
            log.error("ABCI connection {} closed mid-message: {}", id, e.getMessage());
        } catch (SocketException e) {
            if (!closed) {
                log.error("ABCI connection {} closed: {}", id, e.getMessage());
            }
        } catch (IOException e) {
            log.error("ABCI connection {} closed after an I/O error", id, e);
        } finally {
            connections.remove(socket);
        }
    }

    /** Serves one connection until the peer closes it cleanly; visible for tests over plain streams. */
    void serveStream(InputStream in, OutputStream out) throws IOException {
        byte[] frame;
        while ((frame = codec.readFrame(in)) != null) {
            Request request = Request.parseFrom(frame);
            Response response = dispatcher.dispatch(request);
            FrameCodec.writeFrame(out, response.toByteArray());
            if (response.hasFlush() || response.hasException()) {
                out.flush();
            }
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
