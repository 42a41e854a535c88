package net.ledgerd.bench.send;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import net.ledgerd.bench.track.CommitTracker;
import net.ledgerd.bench.workload.Workload;

/**
 * Sends the workload's transactions with {@code concurrency} sender threads, spread round-robin over the members,
 * at a fixed rate or in a closed loop, recording send and answer times in the {@link TxLog}. A TRANSFER is sent once
 * its CREATE committed at the member that CREATE went to, and to that same member (it must see the output it
 * spends). Stops when the duration is over, the count is sent, or the workload is used up. Without a tracker
 * (measuring the sender alone) only CREATEs are sent.
 */
public final class LoadDriver {
    private final Workload workload;
    private final Transport transport;
    private final CommitTracker tracker;
    private final TxLog log;
    private final Load load;

    private final Object lock = new Object();
    private final Deque<Integer> retries = new ArrayDeque<>();
    private int nextCreate;
    private long transfersSent;
    private long picked;
    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private long nextSlot;
    private volatile boolean exhausted;

    public LoadDriver(Workload workload, Transport transport, CommitTracker tracker, TxLog log, Load load) {
        this.workload = workload;
        this.transport = transport;
        this.tracker = tracker;
        this.log = log;
        this.load = load;
    }

    /** What the senders did: HTTP requests made, refusals, how long sending lasted, whether the workload ran out. */
    public record Sent(long requests, long refusals, long startNanos, long endNanos, boolean workloadExhausted) {
        public double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    public Sent run() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = load.duration() != null ? start + load.duration().toNanos() : Long.MAX_VALUE;
        nextSlot = start;
        List<Thread> senders = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int s = 0; s < load.concurrency(); s++) {
            Thread t = new Thread(() -> sendLoop(deadline), "sender-" + s);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> {
                synchronized (failures) {
                    failures.add(e);
                }
            });
            senders.add(t);
            t.start();
        }
        for (Thread t : senders) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a sender failed: " + failures.get(0), failures.get(0));
        }
        return new Sent(sends.get(), refusals.get(), start, System.nanoTime(), exhausted);
    }

    private void sendLoop(long deadline) {
        try {
            while (System.nanoTime() < deadline) {
                int[] next = next(deadline);
                if (next == null) {
                    return;
                }
                int tx = next[0];
                int member = next[1];
                if (load.rate() > 0) {
                    long slot;
                    synchronized (lock) {
                        slot = Math.max(nextSlot, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(100));
                        nextSlot = slot + (long) (1e9 / load.rate());
                    }
                    long wait = slot - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                log.attempt(tx, member);
                long sentAt = System.nanoTime();
                Transport.Outcome outcome = transport.send(workload.get(tx), member);
                long answeredAt = System.nanoTime();
                sends.incrementAndGet();
                if (outcome.accepted() || (outcome.alreadyThere() && log.attempts(tx) > 1)) {
                    log.accepted(tx, sentAt, answeredAt);
                    continue;
                }
                refusals.incrementAndGet();
                log.refused(tx, answeredAt, outcome.reason());
                if (outcome.retryable() && log.attempts(tx) < load.maxAttempts()) {
                    synchronized (lock) {
                        retries.addLast(tx);
                    }
                }
                if (outcome.retryable()) {
                    Thread.sleep(load.backoff().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next transaction and member, or null when there is nothing left to send. */
    private int[] next(long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            synchronized (lock) {
                if (load.count() > 0 && picked >= load.count() && retries.isEmpty()) {
                    return null;
                }
                Integer retry = retries.pollFirst();
                if (retry != null) {
                    return new int[] {retry, log.member(retry)};
                }
                CommitTracker.ReadyTransfer ready = tracker == null ? null : tracker.peekReadyTransfer();
                boolean transferDue = transfersSent < load.transferShare() * (picked + 1);
                if (ready != null
                        && (transferDue || nextCreate >= workload.creates().size())) {
                    int member = log.member(ready.parentIndex());
                    if (tracker.memberHeight(member) >= ready.parentHeight()) {
                        tracker.pollReadyTransfer();
                        transfersSent++;
                        picked++;
                        return new int[] {ready.transferIndex(), member};
                    }
                }
                if (nextCreate < workload.creates().size()) {
                    int tx = nextCreate++;
                    picked++;
                    return new int[] {tx, (int) (picked % transport.memberCount())};
                }
                exhausted = true;
                if (tracker == null || transfersSent >= workload.transfers().size()) {
                    return null;
                }
            }
            Thread.sleep(20); // only TRANSFERs are left and their CREATEs have not committed yet
        }
        return null;
    }
}
