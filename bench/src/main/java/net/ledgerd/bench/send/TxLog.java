package net.ledgerd.bench.send;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What happened to each transaction of one run, by its index (BEP-23's columns): when its accepted send started,
 * when the answer came, at which height it committed, and the last refusal. Times are {@link System#nanoTime()}
 * values; 0 means "never". Written by the sender's threads and the commit tracker at once.
 */
public final class TxLog {
    private final AtomicLongArray send;
    private final AtomicLongArray accept;
    private final AtomicLongArray error;
    private final AtomicLongArray height;
    private final AtomicIntegerArray member;
    private final AtomicIntegerArray attempts;
    private final Map<Integer, String> errorText = new ConcurrentHashMap<>();

    public TxLog(int size) {
        send = new AtomicLongArray(size);
        accept = new AtomicLongArray(size);
        error = new AtomicLongArray(size);
        height = new AtomicLongArray(size);
        member = new AtomicIntegerArray(size);
        attempts = new AtomicIntegerArray(size);
    }

    public int size() {
        return send.length();
    }

    void attempt(int tx, int memberIndex) {
        member.set(tx, memberIndex);
        attempts.incrementAndGet(tx);
    }

    void accepted(int tx, long sentAt, long answeredAt) {
        send.set(tx, sentAt);
        accept.set(tx, answeredAt);
    }

    void refused(int tx, long answeredAt, String why) {
        error.set(tx, answeredAt);
        errorText.put(tx, why);
    }

    /** Called by the commit tracker: the transaction is in the block at this height. */
    public void committedAt(int tx, long blockHeight) {
        height.compareAndSet(tx, 0, blockHeight);
    }

    public long send(int tx) {
        return send.get(tx);
    }

    public long accept(int tx) {
        return accept.get(tx);
    }

    public long error(int tx) {
        return error.get(tx);
    }

    public String errorText(int tx) {
        return errorText.get(tx);
    }

    public long height(int tx) {
        return height.get(tx);
    }

    public int member(int tx) {
        return member.get(tx);
    }

    public int attempts(int tx) {
        return attempts.get(tx);
    }
}
