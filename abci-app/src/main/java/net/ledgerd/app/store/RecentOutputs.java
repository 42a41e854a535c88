package net.ledgerd.app.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.ledgerd.tx.ledger.LedgerOutput;
import net.ledgerd.tx.ledger.OutputLink;

/**
 * The unspent outputs the latest blocks created, as their {@code utxos} rows say, so that a TRANSFER
 * spending one (the usual case: assets move on soon after they are made) costs no database round
 * trip in CheckTx or DeliverTx. Only Commit changes it, after its writes: created outputs are added,
 * spent ones removed, so an entry present is always unspent in the database too. The least recently
 * used entries are evicted beyond the capacity; a miss is a lookup by {@code _id}.
 */
final class RecentOutputs {
    private final Map<OutputLink, LedgerOutput> entries;

    RecentOutputs(int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<OutputLink, LedgerOutput> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<LedgerOutput> get(OutputLink link) {
        return Optional.ofNullable(entries.get(link));
    }

    synchronized void created(LedgerOutput output) {
        entries.put(output.link(), output);
    }

    synchronized void spent(OutputLink link) {
        entries.remove(link);
    }
}
