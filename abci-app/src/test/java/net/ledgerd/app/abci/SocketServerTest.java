package net.ledgerd.app.abci;

import static org.junit.jupiter.api.Assertions.*;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.ledgerd.proto.abci.*;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SocketServerTest {
    private SocketServer server;
    private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

    @BeforeEach
    void start() throws IOException {
        server = new SocketServer(new EchoingApplication(), new InetSocketAddress("127.0.0.1", 0), 1 << 16);
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static Request checkTx(String tx) {
        return Request.newBuilder()
                .setCheckTx(RequestCheckTx.newBuilder().setTx(ByteString.copyFromUtf8(tx)))
                .build();
    }

    private static Request flush() {
        return Request.newBuilder().setFlush(RequestFlush.getDefaultInstance()).build();
    }

    private static void send(Socket s, Request... requests) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (Request r : requests) {
            FrameCodec.writeFrame(buf, r.toByteArray());
        }
        s.getOutputStream().write(buf.toByteArray());
        s.getOutputStream().flush();
    }

    private Response receive(Socket s) throws IOException {
        byte[] frame = codec.readFrame(s.getInputStream());
        assertNotNull(frame, "connection closed before a response arrived");
        return Response.parseFrom(frame);
    }

    @Test
    void answersInRequestOrderAndFlushesOnFlush() throws IOException {
        try (Socket s = connect()) {
            List<Request> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(checkTx("tx-" + i));
            }
            batch.add(flush());
            send(s, batch.toArray(Request[]::new));
            for (int i = 0; i < 50; i++) {
                Response r = receive(s);
                assertEquals("tx-" + i, r.getCheckTx().getData().toStringUtf8());
            }
            assertTrue(receive(s).hasFlush());
        }
    }

    @Test
    void holdsResponsesUntilFlush() throws IOException {
        try (Socket s = connect()) {
            send(s, checkTx("held"));
            s.setSoTimeout(300);
            assertThrows(
                    SocketTimeoutException.class,
                    () -> s.getInputStream().read(),
                    "a response must not be written before Flush");
            s.setSoTimeout(5000);
            send(s, flush());
            assertEquals("held", receive(s).getCheckTx().getData().toStringUtf8());
            assertTrue(receive(s).hasFlush());
        }
    }

    @Test
    void applicationFailureBecomesResponseException() throws IOException {
        try (Socket s = connect()) {
            send(s, checkTx("boom"));
            Response r = receive(s);
            assertTrue(r.hasException());
            assertTrue(
                    r.getException().getError().contains("boom requested"),
                    r.getException().getError());
            send(s, checkTx("after"), flush());
            assertEquals("after", receive(s).getCheckTx().getData().toStringUtf8());
        }
    }

    @Test
    void emptyRequestGetsResponseException() throws IOException {
        try (Socket s = connect()) {
            send(s, Request.getDefaultInstance(), flush());
            assertTrue(receive(s).hasException());
        }
    }

    @Test
    void malformedFrameClosesOnlyThatConnection() throws Exception {
        try (Socket good = connect();
                Socket bad = connect()) {
            // A negative length.
            bad.getOutputStream().write(new byte[] {0x01});
            assertEquals(-1, bad.getInputStream().read(), "the bad connection is closed by the server");

            send(good, checkTx("still-served"), flush());
            assertEquals("still-served", receive(good).getCheckTx().getData().toStringUtf8());
        }
        try (Socket later = connect()) {
            send(later, checkTx("new-connection"), flush());
            assertEquals("new-connection", receive(later).getCheckTx().getData().toStringUtf8());
        }
    }

    @Test
    void oversizedAndUnparseableFramesCloseTheConnection() throws Exception {
        try (Socket s = connect()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            FrameCodec.writeSignedVarint(buf, (1 << 16) + 1);
            s.getOutputStream().write(buf.toByteArray());
            assertEquals(-1, s.getInputStream().read());
        }
        try (Socket s = connect()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            FrameCodec.writeFrame(buf, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
            s.getOutputStream().write(buf.toByteArray());
            assertEquals(-1, s.getInputStream().read());
        }
        try (Socket s = connect()) {
            send(s, checkTx("alive"), flush());
            assertEquals("alive", receive(s).getCheckTx().getData().toStringUtf8());
        }
    }

    @Test
    void connectionDroppedMidMessageLeavesServerServing() throws Exception {
        try (Socket s = connect()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            FrameCodec.writeFrame(buf, checkTx("never-finished").toByteArray());
            byte[] bytes = buf.toByteArray();
            s.getOutputStream().write(bytes, 0, bytes.length / 2);
        }
        try (Socket s = connect()) {
            send(s, checkTx("served"), flush());
            assertEquals("served", receive(s).getCheckTx().getData().toStringUtf8());
        }
    }

    @Test
    void threeConnectionsAreServedConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                String prefix = "conn" + c + "-";
                results.add(pool.submit(() -> {
                    try (Socket s = connect()) {
                        int seen = 0;
                        for (int round = 0; round < 20; round++) {
                            send(s, checkTx(prefix + round), flush());
                            assertEquals(
                                    prefix + round,
                                    receive(s).getCheckTx().getData().toStringUtf8());
                            assertTrue(receive(s).hasFlush());
                            seen++;
                        }
                        return seen;
                    }
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(20, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void echoAndInfoAreAnswered() throws IOException {
        try (Socket s = connect()) {
            send(
                    s,
                    Request.newBuilder()
                            .setEcho(RequestEcho.newBuilder().setMessage("hi"))
                            .build(),
                    Request.newBuilder()
                            .setInfo(RequestInfo.getDefaultInstance())
                            .build(),
                    flush());
            assertEquals("hi", receive(s).getEcho().getMessage());
            assertEquals(7, receive(s).getInfo().getLastBlockHeight());
            InputStream in = s.getInputStream();
            assertTrue(Response.parseFrom(codec.readFrame(in)).hasFlush());
        }
    }
}
