package net.ledgerd.ingestor.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.ledgerd.ingestor.ledger.LedgerClient;
import net.ledgerd.ingestor.ledger.LedgerUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the awaited transactions the ledger committed, read once per block rather than once per transaction in
 * flight: one thread follows the committed height (/status every 50 ms, also the senders' {@link BlockClock}),
 * another reads each new block that may hold an awaited transaction: its transactions (/block), then, once the
 * member's transaction index holds one of them, the
 * DeliverTx codes of all (/block_results). Tendermint 0.31.5 indexes a block's transactions in one batch, from the
 * events it fires only after the app's Commit has returned, so one indexed transaction says that the app has stored
 * the whole block; the codes, stored before that Commit, are read only then. Three calls per block replace the
 * {@code /tx} call each transaction in flight made after every block (hundreds a second with ~250 in flight).
 *
 * <p>Nothing here is assumed: an awaited transaction that this feed misses (a block it could not read in time, or
 * one committed before the wait began) is left to its waiter's own checks and deadline (see {@link ChainJobs}).
 */
final class CommitFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommitFeed.class);
    /** How long one block may take to read (e.g. its member's index behind) before the feed moves on. */
    private static final Duration PER_BLOCK = Duration.ofSeconds(60);

    /**
     * How often the committed height is read, and how often the block reader looks for a new one: every TRANSFER's
     * send and every confirmation wait for them (at 200 ms the block stored stage took 150-200 ms at p50, at 50 ms
     * 83 ms in the run that changed only this); a /status call costs the member's Tendermint well under a millisecond.
     */
    private static final Duration POLL = Duration.ofMillis(50);

    /** How often a block just seen is looked for in the index until the app has stored it. */
    private static final Duration INDEX_POLL = Duration.ofMillis(50);

    private final LedgerClient ledger;
    /**
     * An awaited transaction found in a committed block: its DeliverTx code, when the block's height was first seen
     * at /status (or, for a block read late, when the feed came to it), and when the block was found stored.
     */
    record InBlock(int code, long blockSeenAtMs, long storedAtMs) {}

    private final Map<String, CompletableFuture<InBlock>> awaited = new ConcurrentHashMap<>();
    private final Thread thread;
    private final Thread heights;
    private volatile boolean running = true;
    /** The next height to read; set from the first height seen. */
    private long next = -1;

    private volatile BlockClock clock = BlockClock.NONE;

    CommitFeed(LedgerClient ledger) {
        this.ledger = ledger;
        this.heights = new Thread(this::followHeight, "block-clock");
        heights.setDaemon(true);
        heights.start();
        this.thread = new Thread(this::run, "commit-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Completes with the DeliverTx code of the transaction with this {@link LedgerClient#txHash}, and when its block was
     * seen and stored, once a block holding it is committed. Call it before sending the transaction: a block read while nobody waits is skipped.
     */
    CompletableFuture<InBlock> await(String hash) {
        return awaited.computeIfAbsent(hash, h -> new CompletableFuture<>());
    }

    /**
     * The latest committed height seen, at most one poll old. The ingestor sends each asset's next TRANSFER when it
     * moves (see {@link SendPolicy}).
     */
    BlockClock clock() {
        return clock;
    }

    /** Stops waiting for {@code hash} (answered, or given up). */
    void forget(String hash, CompletableFuture<InBlock> waiter) {
        awaited.remove(hash, waiter);
    }

    /**
     * Follows the committed height (/status every {@link #POLL}) on a thread of its own, so that a block read waiting
     * for the index does not make the height late for the senders.
     */
    private void followHeight() {
        String lastError = null;
        while (running) {
            try {
                // Long enough for one try at every member (each bounded by the call timeout).
                long height = ledger.height(Instant.now().plusSeconds(60));
                clock = clock.seen(height, System.nanoTime());
                lastError = null;
                Thread.sleep(POLL.toMillis());
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

    private void run() {
        while (running) {
            try {
                long height = clock.height();
                if (next < 0 && height >= 0) {
                    next = height;
                }
                if (next < 0 || next > height) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                // Registration comes before sending, so a block that exists while nobody waits holds nothing awaited.
                if (!awaited.isEmpty()) {
                    try {
                        read(next);
                    } catch (LedgerUnavailableException | RuntimeException e) {
                        // e.g. an answer of an unexpected shape; the feed must go on with the next block
                        log.warn("cannot read block {} ({}); its waiters check on their own", next, e.toString());
                    }
                }
                next++;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Answers the waiters of the transactions in block {@code height}; gives up on it after {@link #PER_BLOCK}
     * (or a failed read), leaving them to their own checks.
     */
    private void read(long height) throws LedgerUnavailableException, InterruptedException {
        Instant deadline = Instant.now().plus(PER_BLOCK);
        BlockClock seen = clock;
        long seenAtMs = seen.height() == height
                ? System.currentTimeMillis() - (System.nanoTime() - seen.seenAtNanos()) / 1_000_000
                : System.currentTimeMillis();
        List<String> hashes = ledger.blockTransactionHashes(height, deadline);
        int ours = 0;
        String probe = null;
        for (String h : hashes) {
            if (awaited.containsKey(h)) {
                ours++;
                probe = probe == null ? h : probe;
            }
        }
        if (probe == null) {
            return;
        }
        Optional<Integer> code;
        while ((code = ledger.deliverCode(probe, deadline)).isEmpty()) {
            if (Instant.now().isAfter(deadline) || !running) {
                log.warn(
                        "block {} is not in the transaction index after {} s; its waiters check on their own",
                        height,
                        PER_BLOCK.toSeconds());
                return;
            }
            Thread.sleep(INDEX_POLL.toMillis());
        }
        long storedAtMs = System.currentTimeMillis();
        if (ours == 1) {
            answer(probe, new InBlock(code.get(), seenAtMs, storedAtMs));
            return;
        }
        List<Integer> codes = ledger.deliverCodes(height, deadline);
        if (codes.size() != hashes.size()) {
            throw new LedgerUnavailableException("block " + height + " holds " + hashes.size()
                    + " transactions but its results list " + codes.size());
        }
        for (int i = 0; i < hashes.size(); i++) {
            answer(hashes.get(i), new InBlock(codes.get(i), seenAtMs, storedAtMs));
        }
    }

    private void answer(String hash, InBlock inBlock) {
        CompletableFuture<InBlock> waiter = awaited.remove(hash);
        if (waiter != null) {
            waiter.complete(inBlock);
        }
    }

    @Override
    public void close() {
        running = false;
        heights.interrupt();
        thread.interrupt();
    }
}
