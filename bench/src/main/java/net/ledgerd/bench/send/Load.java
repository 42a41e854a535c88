package net.ledgerd.bench.send;

import java.time.Duration;

/**
 * The load to drive: for a duration or a number of transactions; {@code concurrency} requests in flight at most;
 * {@code rate} sends per second when fixed (0: closed loop, each sender sends again as soon as it has its answer);
 * {@code transferShare} of the sends are TRANSFERs (of CREATEs already committed); a sender whose send was refused
 * as retryable (a full mempool) waits {@code backoff} before its next send, and the refused transaction is sent
 * again later, at most {@code maxAttempts} times.
 */
public record Load(
        Duration duration,
        int count,
        int concurrency,
        double rate,
        double transferShare,
        Duration backoff,
        int maxAttempts) {
    public Load {
        if ((duration == null) == (count <= 0)) {
            throw new IllegalArgumentException("give either a duration or a count of transactions");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1, got " + concurrency);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be 0 (closed loop) or positive, got " + rate);
        }
        if (transferShare < 0 || transferShare >= 1) {
            throw new IllegalArgumentException("--transfers must be in [0, 1), got " + transferShare);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public String describe() {
        return (duration != null ? duration.toSeconds() + " s" : count + " transactions")
                + (rate > 0 ? " at " + (long) rate + " tx/s" : " closed loop") + ", " + concurrency
                + " in flight at most, " + Math.round(transferShare * 100) + "% TRANSFERs";
    }
}
