package net.ledgerd.ingestor.pipeline;

import java.time.Duration;

/**
 * When an asset's next TRANSFER goes: about one per asset per block, as late as still makes the next block. Every
 * TRANSFER costs the members a fixed share of CPU (~18 ms over the four members' processes besides its readings),
 * and two TRANSFERs of one asset in one block commit their readings no sooner than one would.
 *
 * <p>With a transaction of the asset in flight, the next one goes once per committed height, not before the chain's
 * last block interval less {@code lead} has passed since that height was seen. The next block's proposal takes the
 * mempool at about that time (its predecessor executed and timeout_commit passed), so the readings that arrive
 * until then still make it, together; {@code lead} covers the feed's lag, the broadcast and CheckTx. Sending as soon
 * as the height moves instead would send each asset's TRANSFER a block earlier than needed, and the readings that
 * arrive meanwhile would wait a whole block more. With nothing in flight a TRANSFER goes at once, a full
 * {@code batch.max_readings} at once, and never more than {@code pipeline.depth} are in flight.
 */
final class SendPolicy {
    private final int pipelineDepth;
    private final int batchMaxReadings;
    private final long leadNanos;

    SendPolicy(int pipelineDepth, int batchMaxReadings, Duration lead) {
        this.pipelineDepth = pipelineDepth;
        this.batchMaxReadings = batchMaxReadings;
        this.leadNanos = lead.toNanos();
    }

    /** Whether {@code c} (whose head is known) sends a TRANSFER at {@code nowNanos} ({@link System#nanoTime}). */
    boolean transferDue(AssetChain c, BlockClock clock, long nowNanos) {
        if (c.pending.isEmpty() || c.flights.size() >= pipelineDepth) {
            return false;
        }
        if (c.flights.isEmpty() || c.pendingReadings >= batchMaxReadings) {
            return true;
        }
        return clock.height() > c.sentAtHeight && nowNanos - clock.seenAtNanos() >= clock.intervalNanos() - leadNanos;
    }
}
