package net.ledgerd.ingestor.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.ChainHead;
import net.ledgerd.ingestor.ledger.Segment;
import net.ledgerd.tx.build.SignedTransaction;

/**
 * One asset's state in the ingestor (consumer thread only): its deterministic CREATE, its chain head as last read
 * from or confirmed by the ledger, the segments waiting, and the transaction in flight. At most one transaction per
 * asset is in flight, because the next one spends its output and CheckTx sees committed state only; what arrives
 * meanwhile waits and goes into the next TRANSFER as one batch.
 */
final class AssetChain {
    enum State {
        /** The head is not known: ask the ledger before building anything. */
        UNKNOWN,
        LOOKING_UP,
        /** The CREATE is not on chain. */
        ABSENT,
        READY,
        IN_FLIGHT
    }

    final AssetKey key;
    final SignedTransaction create;
    State state = State.UNKNOWN;
    ChainHead head;
    final Deque<Segment> pending = new ArrayDeque<>();
    int pendingReadings;
    List<Segment> inFlight = List.of();
    /**
     * After a transaction whose fate was unclear: how many segments it held and the head it spent. If the ledger
     * shows the same head again, the same segments are sent again on it, which rebuilds the very same transaction
     * (a harmless duplicate if the first one is still pending) instead of a bigger one that would compete with it.
     */
    int retrySegments;
    /** Read the head from the asset's history next time, not from its hint (the hint led to a refusal). */
    boolean readHistory;

    String retryHeadId;
    /** Bumped whenever the chain is reset, so that a late answer about an older state is ignored. */
    long generation;

    AssetChain(AssetKey key, SignedTransaction create) {
        this.key = key;
        this.create = create;
    }

    String assetId() {
        return create.id();
    }

    void add(Segment s) {
        pending.addLast(s);
        pendingReadings += s.readings().size();
    }

    /** Puts the in-flight segments back in front, in order (their transaction did not commit). */
    void requeueInFlight() {
        retrySegments = inFlight.size();
        retryHeadId = head == null ? null : head.transaction().id();
        List<Segment> back = new ArrayList<>(inFlight);
        for (int i = back.size() - 1; i >= 0; i--) {
            pending.addFirst(back.get(i));
            pendingReadings += back.get(i).readings().size();
        }
        inFlight = List.of();
    }

    int bufferedReadings() {
        int n = pendingReadings;
        for (Segment s : inFlight) {
            n += s.readings().size();
        }
        return n;
    }
}
