package net.ledgerd.ingestor.pipeline;

/**
 * The latest committed height as the commit feed saw it: {@code height} (-1 before the first) and when it was first
 * seen ({@link System#nanoTime}). A block is counted at /status once it is decided, before its execution.
 */
record BlockClock(long height, long seenAtNanos) {
    static final BlockClock NONE = new BlockClock(-1, 0);

    /** The clock after {@code newHeight} was seen at {@code nowNanos}; this one if it is not newer. */
    BlockClock seen(long newHeight, long nowNanos) {
        return newHeight <= height ? this : new BlockClock(newHeight, nowNanos);
    }
}
