package net.ledgerd.ingestor.pipeline;

/**
 * When an asset's next TRANSFER goes: about one per asset per block. Every TRANSFER costs each member its fixed
 * share of CPU (~18 ms over the four members' processes besides its readings), and two TRANSFERs of one asset in one
 * block commit their readings no sooner than one would. So with a transaction of the asset in flight, the next one
 * waits until a block has been committed since that one was sent: the readings that arrive meanwhile go together
 * into it, and it still makes the block after the one its predecessor is in. A full batch goes at once.
 */
final class SendPolicy {
    private final int pipelineDepth;
    private final int batchMaxReadings;

    SendPolicy(int pipelineDepth, int batchMaxReadings) {
        this.pipelineDepth = pipelineDepth;
        this.batchMaxReadings = batchMaxReadings;
    }

    /**
     * Whether {@code c} (whose head is known) sends a TRANSFER now, given the latest committed height known ({@code
     * -1} when none is yet).
     */
    boolean transferDue(AssetChain c, long committedHeight) {
        if (c.pending.isEmpty() || c.flights.size() >= pipelineDepth) {
            return false;
        }
        return c.flights.isEmpty() || committedHeight > c.sentAtHeight || c.pendingReadings >= batchMaxReadings;
    }
}
