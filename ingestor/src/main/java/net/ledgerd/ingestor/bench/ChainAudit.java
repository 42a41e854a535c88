package net.ledgerd.ingestor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.LedgerClient;
import net.ledgerd.ingestor.ledger.LedgerUnavailableException;
import net.ledgerd.ingestor.ledger.ReadingTransactions;
import net.ledgerd.ingestor.ledger.RecordedChain;

/**
 * What the ledger holds at the end of a benchmark run, read back from it: each asset's history followed from its
 * CREATE, and every reading of the run's topic found there counted. The benchmark's own counts come from the
 * ingestor's confirmations; this says whether a reading confirmed twice was also stored twice, and whether one never
 * confirmed is on chain after all.
 */
public final class ChainAudit {
    /**
     * The readings of the run's topic on chain: distinct ones, the ones found a second time, the ones out of order in
     * their asset's chain (each asset's readings come from one partition in offset order), and the assets whose
     * history is not one chain (their readings are not counted).
     */
    public record Findings(
            int assets,
            long transactions,
            long distinct,
            long duplicates,
            long outOfOrder,
            List<String> brokenChains,
            double seconds) {
        /** Every reading published is on chain once, in order, and every history is one chain. */
        public boolean clean(long published) {
            return distinct == published && duplicates == 0 && outOfOrder == 0 && brokenChains.isEmpty();
        }

        @Override
        public String toString() {
            return String.format(
                    "%d assets, %d TRANSFERs, %d distinct readings, %d stored twice, %d out of order%s; read in %.1f s",
                    assets,
                    transactions,
                    distinct,
                    duplicates,
                    outOfOrder,
                    brokenChains.isEmpty() ? "" : ", broken chains: " + brokenChains,
                    seconds);
        }
    }

    private ChainAudit() {}

    static Findings of(
            LedgerClient ledger, ReadingTransactions transactions, List<AssetKey> assets, String topic, Duration bound)
            throws LedgerUnavailableException, InterruptedException {
        long t0 = System.nanoTime();
        Instant deadline = Instant.now().plus(bound);
        Map<Integer, BitSet> seen = new HashMap<>();
        List<String> broken = new ArrayList<>();
        long transfers = 0;
        long distinct = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        for (AssetKey asset : assets) {
            String assetId = transactions.create(asset).id();
            List<JsonNode> chain;
            try {
                chain = RecordedChain.transfers(assetId, ledger.assetHistory(assetId, deadline));
            } catch (RecordedChain.BrokenChainException e) {
                broken.add(e.getMessage());
                continue;
            }
            transfers += chain.size();
            long last = -1;
            for (JsonNode tx : chain) {
                for (ReadingTransactions.Recorded r : ReadingTransactions.recorded(tx.path("metadata"))) {
                    if (!r.topic().equals(topic)) {
                        continue;
                    }
                    // the same packing as the confirmations' count: offsets below 2^21, indexes below 2^10
                    long position = (r.offset() << 10) | r.index();
                    BitSet bits = seen.computeIfAbsent(r.partition(), p -> new BitSet());
                    if (bits.get((int) position)) {
                        duplicates++;
                    } else {
                        bits.set((int) position);
                        distinct++;
                    }
                    if (position <= last) {
                        outOfOrder++;
                    }
                    last = position;
                }
            }
        }
        return new Findings(
                assets.size(),
                transfers,
                distinct,
                duplicates,
                outOfOrder,
                List.copyOf(broken),
                (System.nanoTime() - t0) / 1e9);
    }
}
