package net.ledgerd.ingestor.pipeline;

import java.util.List;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.Segment;

/** Told of every batch of readings the ingestor has read back from the ledger as committed (metrics, benchmark). */
public interface CommitListener {
    void committed(AssetKey asset, String transactionId, List<Segment> segments, long confirmedAtMs);
}
