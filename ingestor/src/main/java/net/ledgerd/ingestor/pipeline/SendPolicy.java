package net.ledgerd.ingestor.pipeline;

/**
 * When an asset's next TRANSFER goes: about one per asset per block. Every TRANSFER costs the members a share of
 * CPU besides its readings and lengthens the block's execution, and two TRANSFERs of one asset in one block commit
 * their readings no sooner than one would (sending one every 300 ms instead made the blocks nearly twice as long).
 *
 * <p>With a transaction of the asset in flight, the next one goes once per committed height, as soon as the height
 * is seen: the next block's proposal waits for the members' {@code timeout_commit} after the commit (Tendermint
 * patched to do so, see {@code wait-timeout-commit-with-txs.patch}), long enough for the broadcast, CheckTx and the
 * gossip to the proposer, so the readings that arrived meanwhile go into the next block together. With nothing in
 * flight a TRANSFER goes at once, a full {@code batch.max_readings} at once, and never more than
 * {@code pipeline.depth} are in flight.
 */
final class SendPolicy {
    private final int pipelineDepth;
    private final int batchMaxReadings;

    SendPolicy(int pipelineDepth, int batchMaxReadings) {
        this.pipelineDepth = pipelineDepth;
        this.batchMaxReadings = batchMaxReadings;
    }

    /** Whether {@code c} (whose head is known) sends a TRANSFER now that {@code height} is the committed height seen. */
    boolean transferDue(AssetChain c, long height) {
        if (c.pending.isEmpty() || c.flights.size() >= pipelineDepth) {
            return false;
        }
        if (c.flights.isEmpty() || c.pendingReadings >= batchMaxReadings) {
            return true;
        }
        return height > c.sentAtHeight;
    }
}
