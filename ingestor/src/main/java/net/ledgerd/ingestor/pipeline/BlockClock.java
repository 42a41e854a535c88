package net.ledgerd.ingestor.pipeline;

/**
 * The latest committed height as the commit feed saw it: {@code height} (-1 before the first), when it was first
 * seen ({@link System#nanoTime}), and the time from the height before it to this one ({@code intervalNanos}, 0 while
 * unknown). A block is counted at /status once it is decided, before its execution, so the interval is the chain's
 * pace: execution, timeout_commit, proposal and votes.
 */
record BlockClock(long height, long seenAtNanos, long intervalNanos) {
    static final BlockClock NONE = new BlockClock(-1, 0, 0);

    /** The clock after {@code newHeight} was seen at {@code nowNanos}; this one if it is not newer. */
    BlockClock seen(long newHeight, long nowNanos) {
        if (newHeight <= height) {
            return this;
        }
        // Blocks the feed did not see one by one share the time since the last one it saw.
        long interval = height < 0 ? 0 : (nowNanos - seenAtNanos) / (newHeight - height);
        return new BlockClock(newHeight, nowNanos, interval);
    }
}
