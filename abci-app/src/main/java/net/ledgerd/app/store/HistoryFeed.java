package net.ledgerd.app.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the history documents behind Commit, on one thread: Commit hands over each stored block
 * ({@link #follow}) through a queue of at most {@value #QUEUE_BLOCKS} blocks, and the writer applies
 * everything queued in one {@link HistoryWriter} pass, so a document many blocks touch (an asset
 * head, a last page, a series slot) is written once per pass. When the writer falls that far
 * behind, Commit waits for room (backpressure) up to {@link #FOLLOW_TIMEOUT}.
 *
 * <p>At start, and after any failure, the writer catches up from the stored blocks above the height
 * the documents hold (see {@link HistoryWriter#appliedThrough}); while it is behind, Commit queues
 * nothing, so a failing history store costs no memory and never holds up consensus. A failure is
 * logged and counted ({@link #failures}), and the catch-up retried after a pause that doubles from
 * {@value #FIRST_PAUSE_MS} ms up to {@value #MAX_PAUSE_MS} ms.
 */
public final class HistoryFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryFeed.class);

    /** Each block holds at most Tendermint's max_txs_bytes of transactions, so the queue stays bounded. */
    static final int QUEUE_BLOCKS = 64;
    /** A pass stops taking blocks past this many transactions, which bounds its documents in memory. */
    static final int PASS_TRANSACTIONS = 5_000;
    /** How long Commit waits for room in a full queue before leaving the block to the catch-up. */
    static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Passes begin at least this far apart while following, unless configured otherwise (the app's {@code
     * history.pass_interval_ms}). Every active asset's head, last page (up to ~30 KB of text) and series tail are
     * rewritten once per pass, whatever the number of blocks it covers: a pass per block was most of a member's
     * database CPU under load (FerretDB ~350 ms per pass of 60 transactions). At 10,000 readings/s from 60 assets
     * the members' databases took 0.063-0.072 ms per reading with a pass per block or two (2 s), 0.049-0.051 with
     * 5 s, 0.035-0.041 with 30 s (the ingestor's latency then met p99 3 s between passes, and each pass, on all four
     * members at about the same time, showed as a spike; see the README's tenth session). The history
     * (explorer, paged history, series) lags the chain by up to this more.
     */
    public static final Duration DEFAULT_PASS_INTERVAL = Duration.ofSeconds(5);

    static final long FIRST_PAUSE_MS = 500;
    static final long MAX_PAUSE_MS = 30_000;

    private final HistoryWriter writer;
    private final LongFunction<List<BlockRecord>> storedAbove;
    private final Function<BlockRecord, HistoryBlock> stored;
    private final BlockingQueue<HistoryBlock> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
    private final Thread thread = new Thread(this::run, "history-writer");
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();

    /** Set when queued blocks may have been lost: the writer then reads them from the store. */
    private volatile boolean behind;

    private volatile boolean lastAttemptFailed;
    private volatile boolean closed;
    private long appliedThrough;
    private final long passIntervalNanos;
    private long lastPassStartedNanos;
    /** The highest height a caller of {@link #awaitHeight} waits for: the pass for it is not held back. */
    private volatile long awaitedHeight = -1;

    HistoryFeed(
            HistoryWriter writer,
            LongFunction<List<BlockRecord>> storedAbove,
            Function<BlockRecord, HistoryBlock> stored,
            Duration passInterval) {
        this.writer = writer;
        this.passIntervalNanos = passInterval.toNanos();
        this.lastPassStartedNanos = System.nanoTime() - passIntervalNanos;
        this.storedAbove = storedAbove;
        this.stored = stored;
        this.appliedThrough = writer.appliedThrough();
        thread.setDaemon(true);
    }

    /** Starts the writer: first the catch-up from the stored blocks, then the queued ones. */
    void start() {
        behind = true;
        thread.start();
    }

    /** Hands over a block Commit has stored. */
    void follow(HistoryBlock block) {
        if (behind) {
            return; // the catch-up reads it from the store
        }
        try {
            if (!queue.offer(block, FOLLOW_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fallBehind("the writer took no block for " + FOLLOW_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fallBehind("Commit was interrupted while waiting for room in the queue");
        }
    }

    private void fallBehind(String reason) {
        behind = true;
        log.warn("history writer is behind ({}); it will catch up from the stored blocks", reason);
    }

    /** The height through which the history documents hold every stored block. */
    public synchronized long appliedThrough() {
        return appliedThrough;
    }

    /** Passes that failed (each logged); the writer retries them from the stored blocks. */
    public long failures() {
        return failures.get();
    }

    /** Whether the last attempt failed and the history is not following the chain. */
    public boolean failing() {
        return lastAttemptFailed;
    }

    long passes() {
        return passes.get();
    }

    /** Waits until the history holds every block through {@code height}; false if it did not in time. */
    public synchronized boolean awaitHeight(long height, Duration timeout) throws InterruptedException {
        awaitedHeight = Math.max(awaitedHeight, height);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (appliedThrough < height) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized void applied(long height) {
        if (height > appliedThrough) {
            appliedThrough = height;
            notifyAll();
        }
    }

    private void run() {
        long pause = FIRST_PAUSE_MS;
        while (!closed) {
            try {
                if (behind) {
                    // Cleared before reading the store: a block stored later is queued again.
                    behind = false;
                    queue.clear();
                    catchUp();
                } else {
                    awaitPassInterval();
                    applyQueued(1, TimeUnit.SECONDS);
                }
                pause = FIRST_PAUSE_MS;
                lastAttemptFailed = false;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                behind = true;
                lastAttemptFailed = true;
                log.error(
                        "history writer failed (failure {}); retrying from the stored blocks above {} in {} ms",
                        failures.incrementAndGet(),
                        appliedThrough(),
                        pause,
                        e);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = Math.min(MAX_PAUSE_MS, 2 * pause);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Waits until the pass interval since the last pass began, or until closed, or while someone waits for a
     * height the history does not hold yet ({@link #awaitHeight}: a reader asking for it is served at once).
     */
    private void awaitPassInterval() throws InterruptedException {
        long left;
        while (!closed
                && awaitedHeight <= appliedThrough()
                && (left = lastPassStartedNanos + passIntervalNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    /**
     * One pass over what is queued, waiting up to the given time for a first block. Returns the
     * number of documents written.
     */
    int applyQueued(long wait, TimeUnit unit) throws InterruptedException {
        HistoryBlock first = queue.poll(wait, unit);
        if (first == null) {
            return 0;
        }
        List<HistoryBlock> pass = new ArrayList<>();
        pass.add(first);
        long transactions = first.transactions().size();
        HistoryBlock next;
        while (transactions < PASS_TRANSACTIONS && (next = queue.poll()) != null) {
            pass.add(next);
            transactions += next.transactions().size();
        }
        long through = appliedThrough();
        pass.removeIf(b -> b.height() <= through);
        return apply(pass);
    }

    /**
     * Applies the stored blocks above the documents' height, in passes of about {@value
     * #PASS_TRANSACTIONS} transactions; the first reaches at least the end of an interrupted pass.
     */
    private void catchUp() {
        long started = System.nanoTime();
        List<BlockRecord> blocks = storedAbove.apply(writer.appliedThrough());
        long mustReach = writer.interruptedPassEnd();
        List<HistoryBlock> pass = new ArrayList<>();
        long transactions = 0;
        long total = 0;
        for (BlockRecord record : blocks) {
            HistoryBlock block = stored.apply(record);
            pass.add(block);
            transactions += block.transactions().size();
            if (transactions >= PASS_TRANSACTIONS && record.height() >= mustReach) {
                apply(pass);
                total += transactions;
                pass = new ArrayList<>();
                transactions = 0;
            }
        }
        apply(pass);
        total += transactions;
        if (total > 0) {
            log.info(
                    "history caught up with {} transactions in {} stored blocks in {} ms",
                    total,
                    blocks.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private int apply(List<HistoryBlock> pass) {
        if (pass.isEmpty()) {
            return 0;
        }
        lastPassStartedNanos = System.nanoTime();
        int written = writer.apply(pass);
        passes.incrementAndGet();
        lastAttemptFailed = false;
        applied(pass.get(pass.size() - 1).height());
        return written;
    }

    /** Stops the writer after its pass in flight; what is still queued is caught up at the next start. */
    @Override
    public void close() {
        closed = true;
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(FOLLOW_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("history writer still in a pass after {} s; interrupting it", FOLLOW_TIMEOUT.toSeconds());
            thread.interrupt();
        }
    }
}
