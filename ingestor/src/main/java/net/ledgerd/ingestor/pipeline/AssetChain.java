package net.ledgerd.ingestor.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.ChainHead;
import net.ledgerd.ingestor.ledger.Segment;
import net.ledgerd.tx.build.SignedTransaction;

/**
 * One asset's state in the ingestor (consumer thread only): its deterministic CREATE, its chain head as last read
 * from or confirmed by the ledger, the segments waiting, and the transactions in flight. Transactions in flight form
 * a pipeline: each spends the output of the one before it (CheckTx's check view admits a spend of an output still
 * in the mempool), all go to one member so that they reach every mempool in chain order, and the chain commits them
 * in that order. What arrives meanwhile waits and goes into the next TRANSFER as one batch.
 */
final class AssetChain {
    enum State {
        /** The head is not known: ask the ledger before building anything. */
        UNKNOWN,
        LOOKING_UP,
        /** The CREATE is not on chain and not in flight. */
        ABSENT,
        /** The head is known; transactions may be in flight on top of it. */
        READY
    }

    /**
     * A transaction in flight with the segments it carries (none for the CREATE), the head it makes, the turn its
     * broadcast settles (the next flight's broadcast waits for it), and when it was handed to a sender (epoch ms).
     */
    record Flight(SignedTransaction tx, List<Segment> segments, ChainHead after, BroadcastTurn turn, long sentAtMs) {}

    final AssetKey key;
    final SignedTransaction create;
    /**
     * The member this asset's transactions are sent to first while none is in flight: the one that accepted its last
     * committed transaction (a member that stops answering is left for good, not tried first again for each one).
     */
    int member;

    State state = State.UNKNOWN;
    /** The last head the ledger confirmed (null until known). */
    ChainHead head;

    final Deque<Segment> pending = new ArrayDeque<>();
    int pendingReadings;
    final Deque<Flight> flights = new ArrayDeque<>();
    /** The committed height (as the commit feed knew it) when the last transaction was sent. */
    long sentAtHeight = -1;
    /**
     * After transactions whose fate was unclear: for each head they spent, how many segments the one spending it
     * held. A rebuild on the same head with the same segments is the very same transaction (a harmless duplicate if
     * the first one is still pending) instead of a different one that would compete with it.
     */
    final Map<String, Integer> retryGroups = new HashMap<>();
    /** Read the head from the asset's history next time, not from its hint (the hint led to a refusal). */
    boolean readHistory;
    /** Bumped whenever the chain is reset, so that a late answer about an older state is ignored. */
    long generation;

    AssetChain(AssetKey key, SignedTransaction create, int member) {
        this.key = key;
        this.create = create;
        this.member = member;
    }

    String assetId() {
        return create.id();
    }

    /** The head the next transaction spends: that of the last one in flight, else the confirmed one. */
    ChainHead tip() {
        return flights.isEmpty() ? head : flights.peekLast().after();
    }

    /** The turn the next transaction's broadcast waits for: the last flight's, or none when nothing is in flight. */
    BroadcastTurn lastTurn() {
        return flights.isEmpty() ? BroadcastTurn.passed() : flights.peekLast().turn();
    }

    /**
     * Whether a waiting segment may be covered by the head (see {@code Ingestor.dropCovered}): after the head moved,
     * after a requeue, or when a segment arrives that the head covers (Kafka delivering again what is on chain).
     * Checking every waiting segment on every dispatch instead was 15% of the ingestor's CPU (JFR).
     */
    boolean coverageUnchecked;

    void add(Segment s) {
        pending.addLast(s);
        pendingReadings += s.readings().size();
        if (head != null && head.coverage().covers(s.source(), s.offset())) {
            coverageUnchecked = true;
        }
    }

    /**
     * Puts the segments of every transaction in flight back in front, in order, remembers their grouping for the
     * rebuild, and forgets the flights (their fate is for the ledger to say).
     */
    void requeueFlights() {
        retryGroups.clear();
        List<Segment> back = new ArrayList<>();
        ChainHead parent = head;
        for (Flight f : flights) {
            if (!f.segments().isEmpty() && parent != null) {
                retryGroups.put(parent.transaction().id(), f.segments().size());
            }
            back.addAll(f.segments());
            parent = f.after();
        }
        for (int i = back.size() - 1; i >= 0; i--) {
            pending.addFirst(back.get(i));
            pendingReadings += back.get(i).readings().size();
        }
        flights.clear();
        generation++;
        coverageUnchecked = true;
    }

    int bufferedReadings() {
        int n = pendingReadings;
        for (Flight f : flights) {
            for (Segment s : f.segments()) {
                n += s.readings().size();
            }
        }
        return n;
    }
}
