package net.ledgerd.app.api;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import net.ledgerd.app.state.CommitListener;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.tx.model.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BigchainDB's event stream (/api/v1/streams/valid_transactions): one JSON message per committed
 * transaction, {"height": h, "asset_id": a, "transaction_id": t}, written as Python's json.dumps
 * writes it. Commit only enqueues; a sender thread writes to the subscribers, so a slow client never
 * holds up the chain. If the queue overflows, the oldest events are dropped with a warning.
 */
final class EventStream implements CommitListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final Set<WsContext> subscribers = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(100_000);
    private final Thread sender = new Thread(this::sendLoop, "event-stream");

    EventStream() {
        sender.setDaemon(true);
        sender.start();
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(java.time.Duration.ZERO);
            subscribers.add(ctx);
        });
        ws.onClose(ctx -> subscribers.remove(ctx));
        ws.onError(ctx -> subscribers.remove(ctx));
    }

    static String event(long height, Transaction tx) {
        return "{\"height\": " + height + ", \"asset_id\": \"" + tx.assetId() + "\", \"transaction_id\": \"" + tx.id() + "\"}";
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
            for (WsContext ctx : subscribers) {
                try {
                    ctx.send(event);
                } catch (RuntimeException e) {
                    log.info("dropping event stream subscriber {}: {}", ctx.sessionId(), e.getMessage());
                    subscribers.remove(ctx);
                }
            }
        }
    }

    @Override
    public void close() {
        sender.interrupt();
    }
}
