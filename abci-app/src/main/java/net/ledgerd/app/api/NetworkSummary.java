package net.ledgerd.app.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import net.ledgerd.app.state.CommitListener;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.tx.model.Transaction;

/**
 * The explorer's network view (GET /api/v1/network): the latest height and the latest blocks with
 * their transaction counts. Kept in memory by Commit so the page's polling costs no query; after a
 * restart the first request reads the latest blocks from the store by {@code _id}.
 */
final class NetworkSummary implements CommitListener {
    static final int MAX_BLOCKS = 100;

    private record Entry(long height, int transactions) {}

    private final LedgerStore store;
    private final Deque<Entry> latest = new ArrayDeque<>();
    private boolean loaded;

    NetworkSummary(LedgerStore store) {
        this.store = store;
    }

    @Override
    public synchronized void committed(BlockRecord block, List<Transaction> transactions) {
        latest.addFirst(new Entry(block.height(), transactions.size()));
        while (latest.size() > MAX_BLOCKS) {
            latest.removeLast();
        }
    }

    /** {@code {"height": h, "blocks": [{"height", "transactions"}, ...]}}, newest first, at most {@code count}. */
    synchronized ObjectNode summary(int count) {
        if (!loaded) {
            loadFromStore();
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("height", latest.isEmpty() ? 0 : latest.peekFirst().height());
        ArrayNode blocks = result.putArray("blocks");
        latest.stream()
                .limit(count)
                .forEach(e -> blocks.addObject().put("height", e.height()).put("transactions", e.transactions()));
        return result;
    }

    /** Adds the stored blocks below those this process saw committed, up to {@value #MAX_BLOCKS} in all. */
    private void loadFromStore() {
        long below = latest.isEmpty()
                ? store.latestBlock().map(BlockRecord::height).orElse(0L) + 1
                : latest.peekLast().height();
        for (long h = below - 1; h > 0 && latest.size() < MAX_BLOCKS; h--) {
            Optional<BlockRecord> b = store.block(h);
            if (b.isEmpty()) {
                break;
            }
            latest.addLast(new Entry(h, b.get().transactions().size()));
        }
        loaded = true;
    }
}
