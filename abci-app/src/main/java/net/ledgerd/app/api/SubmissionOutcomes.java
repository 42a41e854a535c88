package net.ledgerd.app.api;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.ledgerd.app.state.CommitListener;
import net.ledgerd.app.state.VerdictListener;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.tx.model.Transaction;

/**
 * What this node's app itself decided about the transactions the HTTP API is submitting: its CheckTx
 * verdict on the exact bytes sent, then either its Commit of the transaction id or its DeliverTx
 * refusal of those bytes. The sync and commit modes wait on these instead of on Tendermint's
 * broadcast_tx_sync/commit, which 0.31.5 can leave unanswered. Only submissions being waited for are
 * tracked; with none, each verdict costs a map size check.
 */
final class SubmissionOutcomes implements VerdictListener, CommitListener {
    /** An ABCI code and log as the app gave them; code 0 is accepted (CheckTx) or committed. */
    record Verdict(int code, String log) {
        static final Verdict COMMITTED = new Verdict(0, "");
    }

    private final ConcurrentHashMap<ByteBuffer, Set<Pending>> byBytes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Pending>> byId = new ConcurrentHashMap<>();

    /** One submission being waited for; close it when done waiting. */
    final class Pending implements AutoCloseable {
        private final ByteBuffer digest;
        private final String id;
        final CompletableFuture<Verdict> checked = new CompletableFuture<>();
        /** Completed with {@link Verdict#COMMITTED} or with DeliverTx's refusal. */
        final CompletableFuture<Verdict> settled = new CompletableFuture<>();

        private Pending(ByteBuffer digest, String id) {
            this.digest = digest;
            this.id = id;
        }

        @Override
        public void close() {
            remove(byBytes, digest, this);
            remove(byId, id, this);
        }
    }

    /** Starts tracking a submission of {@code raw} (transaction {@code id}); call before broadcasting it. */
    Pending expect(byte[] raw, String id) {
        Pending pending = new Pending(digest(raw), id);
        add(byBytes, pending.digest, pending);
        add(byId, id, pending);
        return pending;
    }

    /** True when no submission is being waited for. */
    boolean isIdle() {
        return byBytes.isEmpty() && byId.isEmpty();
    }

    @Override
    public void checked(byte[] raw, int code, String log) {
        if (!byBytes.isEmpty()) {
            forEach(byBytes.get(digest(raw)), p -> p.checked.complete(new Verdict(code, log)));
        }
    }

    @Override
    public void refusedInBlock(byte[] raw, int code, String log) {
        if (!byBytes.isEmpty()) {
            forEach(byBytes.get(digest(raw)), p -> p.settled.complete(new Verdict(code, log)));
        }
    }

    @Override
    public void committed(BlockRecord block, List<Transaction> transactions) {
        if (!byId.isEmpty()) {
            for (Transaction tx : transactions) {
                forEach(byId.get(tx.id()), p -> p.settled.complete(Verdict.COMMITTED));
            }
        }
    }

    private static <K> void add(ConcurrentHashMap<K, Set<Pending>> map, K key, Pending pending) {
        map.compute(key, (k, set) -> {
            Set<Pending> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(pending);
            return s;
        });
    }

    private static <K> void remove(ConcurrentHashMap<K, Set<Pending>> map, K key, Pending pending) {
        map.computeIfPresent(key, (k, set) -> {
            set.remove(pending);
            return set.isEmpty() ? null : set;
        });
    }

    private static void forEach(Set<Pending> pending, java.util.function.Consumer<Pending> action) {
        if (pending != null) {
            pending.forEach(action);
        }
    }

    private static ByteBuffer digest(byte[] raw) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
