package net.ledgerd.ingestor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * history is not one chain or could not be read (their readings are not counted).
     */
    public record Findings(
            int assets,
            long transactions,
            long distinct,
            long duplicates,
            long outOfOrder,
            List<String> unread,
            double seconds) {
        /** Every reading published is on chain once, in order, and every history is one chain. */
        public boolean clean(long published) {
            return distinct == published && duplicates == 0 && outOfOrder == 0 && unread.isEmpty();
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
                    unread.isEmpty() ? "" : ", not counted: " + unread,
                    seconds);
        }
    }

    private ChainAudit() {}

    /**
     * Reads the chain of each of {@code assets} from the first member that answers. A member may still be catching up
     * (one that was stopped during the run applies the blocks it missed afterwards), so an asset's history is read
     * again, once a second, until it holds every transaction the ingestor confirmed for the asset ({@code
     * confirmed}), or {@code perAsset} has passed: then the asset is reported, not counted.
     */
    static Findings of(
            LedgerClient ledger,
            ReadingTransactions transactions,
            List<AssetKey> assets,
            Map<AssetKey, Set<String>> confirmed,
            String topic,
            Duration perAsset)
            throws InterruptedException {
        long t0 = System.nanoTime();
        ReadingSet stored = new ReadingSet();
        List<String> unread = new ArrayList<>();
        long transfers = 0;
        long outOfOrder = 0;
        for (AssetKey asset : assets) {
            String assetId = transactions.create(asset).id();
            Instant deadline = Instant.now().plus(perAsset);
            List<JsonNode> chain;
            try {
                Set<String> missing;
                for (; ; Thread.sleep(1000)) {
                    chain = RecordedChain.transfers(assetId, ledger.assetHistory(assetId, deadline));
                    missing = missing(confirmed.getOrDefault(asset, Set.of()), chain);
                    if (missing.isEmpty() || Instant.now().isAfter(deadline)) {
                        break;
                    }
                }
                if (!missing.isEmpty()) {
                    unread.add("asset " + assetId + ": " + missing.size() + " transactions the ingestor confirmed"
                            + " are not in its history after " + perAsset.toSeconds() + " s, e.g. "
                            + missing.iterator().next());
                    continue;
                }
            } catch (RecordedChain.BrokenChainException | LedgerUnavailableException e) {
                // reported, and the run is not clean; the other assets are still counted
                unread.add(e.getMessage());
                continue;
            }
            transfers += chain.size();
            long last = -1;
            for (JsonNode tx : chain) {
                for (ReadingTransactions.Recorded r : ReadingTransactions.recorded(tx.path("metadata"))) {
                    if (!r.topic().equals(topic)) {
                        continue;
                    }
                    stored.add(r.partition(), r.offset(), r.index());
                    long position = ReadingSet.position(r.offset(), r.index());
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
                stored.distinct(),
                stored.repeated(),
                outOfOrder,
                List.copyOf(unread),
                (System.nanoTime() - t0) / 1e9);
    }

    /** The transactions of {@code confirmed} that {@code chain} does not hold. */
    private static Set<String> missing(Set<String> confirmed, List<JsonNode> chain) {
        Set<String> missing = new HashSet<>(confirmed);
        chain.forEach(tx -> missing.remove(tx.path("id").asText()));
        return missing;
    }
}
