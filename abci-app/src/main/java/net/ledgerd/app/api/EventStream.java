package net.ledgerd.app.api;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.ledgerd.app.state.CommitListener;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.tx.model.Transaction;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BigchainDB's event stream (/api/v1/streams/valid_transactions): one JSON message per committed
 * transaction, {"height": h, "asset_id": a, "transaction_id": t}, written as Python's json.dumps
 * writes it. Commit only enqueues; a sender thread hands each event to every subscriber without
 * waiting for the write, so a slow client holds up neither the chain nor the other subscribers. A
 * subscriber that falls {@value #MAX_UNSENT} events behind is disconnected, with the reason logged.
 * If the queue itself overflows, the oldest events are dropped with a warning.
 */
final class EventStream implements CommitListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    static final int MAX_UNSENT = 10_000;

    /** Each subscriber with the number of events handed to it and not yet written. */
    private final Map<WsContext, AtomicInteger> subscribers = new ConcurrentHashMap<>();

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(100_000);
    private final Thread sender = new Thread(this::sendLoop, "event-stream");

    EventStream() {
        sender.setDaemon(true);
        sender.start();
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(java.time.Duration.ZERO);
            subscribers.put(ctx, new AtomicInteger());
        });
        ws.onClose(ctx -> subscribers.remove(ctx));
        ws.onError(ctx -> subscribers.remove(ctx));
    }

    int subscriberCount() {
        return subscribers.size();
    }

    static String event(long height, Transaction tx) {
        return "{\"height\": " + height + ", \"asset_id\": \"" + tx.assetId() + "\", \"transaction_id\": \"" + tx.id()
                + "\"}";
    }

    @Override
    public void committed(BlockRecord block, List<Transaction> transactions) {
        for (Transaction tx : transactions) {
            String event = event(block.height(), tx);
            while (!queue.offer(event)) {
                queue.poll();
                log.warn("event stream queue full; dropped the oldest event");
            }
        }
    }

    private void sendLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            String event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            subscribers.forEach((ctx, unsent) -> send(ctx, unsent, event));
        }
    }

    private void send(WsContext ctx, AtomicInteger unsent, String event) {
        if (unsent.incrementAndGet() > MAX_UNSENT) {
            drop(ctx, "too slow: " + MAX_UNSENT + " events not yet written");
            return;
        }
        try {
            ctx.session.getRemote().sendString(event, new WriteCallback() {
                @Override
                public void writeSuccess() {
                    unsent.decrementAndGet();
                }

                @Override
                public void writeFailed(Throwable x) {
                    unsent.decrementAndGet();
                    drop(ctx, "write failed: " + x.getMessage());
                }
            });
        } catch (RuntimeException e) {
            drop(ctx, "send failed: " + e.getMessage());
        }
    }

    private void drop(WsContext ctx, String reason) {
        if (subscribers.remove(ctx) != null) {
            log.info("dropping event stream subscriber {}: {}", ctx.sessionId(), reason);
            // A hard disconnect: a close frame would queue behind the unsent events of a stalled client.
            ctx.session.disconnect();
        }
    }

    @Override
    public void close() {
        sender.interrupt();
    }
}
