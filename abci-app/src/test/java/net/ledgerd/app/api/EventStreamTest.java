package net.ledgerd.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.model.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event stream's delivery: a client that stops reading holds up no one and is dropped. */
class EventStreamTest {
    private EventStream stream;
    private Javalin server;

    @BeforeEach
    void start() {
        stream = new EventStream();
        server = Javalin.create(c -> c.showJavalinBanner = false)
                .ws(HttpApi.STREAM_PATH, stream::configure)
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        stream.close();
        server.stop();
    }

    @Test
    void aStalledSubscriberHoldsUpNoOneAndIsDropped() throws Exception {
        AtomicInteger received = new AtomicInteger();
        WebSocket reader = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + server.port() + HttpApi.STREAM_PATH), new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                if (last) {
                                    received.incrementAndGet();
                                }
                                ws.request(1);
                                return CompletableFuture.completedFuture(null);
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        try (Socket stalled = stalledSubscriber()) {
            await(() -> stream.subscriberCount() == 2, "both subscribers registered");

            Ed25519KeyPair device = Ed25519KeyPair.generate();
            Transaction tx = TransactionBuilder.create(device)
                    .asset(Map.of("device", "d1"))
                    .output(1, device.publicKeyBase58())
                    .sign(device)
                    .transaction();
            int batch = 5_000;
            int batches = 24; // 120,000 events, ~16 MB: more than loopback's socket buffers hold for the stalled client
            for (int b = 1; b <= batches; b++) {
                stream.committed(new BlockRecord(b, "", List.of(tx.id())), Collections.nCopies(batch, tx));
                int expected = b * batch;
                await(() -> received.get() == expected, "the reading subscriber got all " + expected + " events");
            }
            await(() -> stream.subscriberCount() == 1, "the stalled subscriber was dropped");
        } finally {
            reader.abort();
        }
    }

    /** Completes the WebSocket handshake, then never reads again. */
    private Socket stalledSubscriber() throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + HttpApi.STREAM_PATH
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            assertTrue(c >= 0, "connection closed during the handshake: " + head);
            head.append((char) c);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
        return s;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(10);
        }
        assertEquals(true, condition.getAsBoolean());
    }
}
