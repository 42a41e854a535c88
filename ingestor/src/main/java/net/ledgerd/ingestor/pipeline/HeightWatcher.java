package net.ledgerd.ingestor.pipeline;

import java.time.Duration;
import java.time.Instant;
import net.ledgerd.ingestor.ledger.LedgerClient;
import net.ledgerd.ingestor.ledger.LedgerUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the committed height with one /status call every 200 ms, so that the transactions waiting for
 * confirmation read the ledger once per new block instead of each polling on its own.
 */
final class HeightWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HeightWatcher.class);

    private final LedgerClient ledger;
    private final Thread thread;
    private long height = -1;
    private volatile boolean running = true;

    HeightWatcher(LedgerClient ledger) {
        this.ledger = ledger;
        this.thread = new Thread(this::run, "height-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        String lastError = null;
        while (running) {
            try {
                // Long enough for one try at every member (each bounded by the call timeout).
                long h = ledger.height(Instant.now().plusSeconds(60));
                synchronized (this) {
                    if (h > height) {
                        height = h;
                        notifyAll();
                    }
                }
                lastError = null;
                Thread.sleep(200);
            } catch (LedgerUnavailableException e) {
                if (!e.getMessage().equals(lastError)) {
                    log.warn("cannot read the committed height: {}", e.getMessage());
                }
                lastError = e.getMessage();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized long height() {
        return height;
    }

    /** Waits until the height passes {@code seen} or {@code timeout} elapses; returns the height then. */
    synchronized long awaitAbove(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (height <= seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return height;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
