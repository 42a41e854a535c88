package net.ledgerd.ingestor.pipeline;

import java.util.List;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.Segment;

/**
 * Told of every batch of readings the ingestor has read back from the ledger as committed (metrics, benchmark):
 * with the transaction carrying them, or for readings found covered by a head read from the ledger, that head; and
 * when the transaction passed each stage on its way.
 */
public interface CommitListener {
    void committed(AssetKey asset, String transactionId, List<Segment> segments, Timeline timeline);
}
