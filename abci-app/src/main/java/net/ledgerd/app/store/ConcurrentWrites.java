package net.ledgerd.app.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent database writes at once, each on its own pooled connection, and returns when
 * all have finished: a Commit waits for the slowest write of a step instead of the sum of them.
 * Only writes whose order does not matter for crash recovery or readers go together.
 */
final class ConcurrentWrites implements AutoCloseable {
    private final ExecutorService pool;
    private final long timeoutMillis;

    ConcurrentWrites(int threads, long timeoutMillis) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "store-write-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timeoutMillis = timeoutMillis;
    }

    /** Runs every write; the first on the calling thread. Rethrows the first failure once all ended. */
    void all(Runnable... writes) {
        List<Future<?>> others = new ArrayList<>(writes.length);
        for (int i = 1; i < writes.length; i++) {
            others.add(pool.submit(writes[i]));
        }
        RuntimeException failure = null;
        try {
            writes[0].run();
        } catch (RuntimeException e) {
            failure = e;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Future<?> f : others) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r
                            ? r
                            : new IllegalStateException("a database write failed", e.getCause());
                }
            } catch (TimeoutException e) {
                if (failure == null) {
                    failure = new StoreWriteTimeout(timeoutMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for a database write", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
