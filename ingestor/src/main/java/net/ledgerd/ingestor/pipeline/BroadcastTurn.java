package net.ledgerd.ingestor.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One broadcast's place in its asset's order. A pipelined TRANSFER spends an output that so far exists only in the
 * mempool its parent reached, so that member's CheckTx must have accepted the parent before the child arrives (else
 * it refuses the child: its input does not exist). Each transaction in flight settles its turn once its broadcast
 * is answered; the next one of the asset is broadcast only after that answer was {@link Verdict#ACCEPTED}, and first
 * to the member that accepted it ({@link #acceptedBy}): when the asset's usual member stopped answering, the parent
 * went on to another one, whose mempool alone holds it until gossip spreads it.
 */
final class BroadcastTurn {
    /** What a broadcast came to, as far as its successor is concerned. */
    enum Verdict {
        /** CheckTx accepted it, the mempool cache already held it, or it is committed. */
        ACCEPTED,
        /** CheckTx refused it and it is not committed. */
        REFUSED,
        /** No answer (the members unreachable until the deadline, or the job ended otherwise). */
        UNCLEAR
    }

    private final CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    /** The member whose CheckTx accepted the transaction (-1: none, or it does not matter). */
    private volatile int acceptedBy = -1;

    /** The turn of a transaction with nothing of its asset in flight before it. */
    static BroadcastTurn passed() {
        BroadcastTurn t = new BroadcastTurn();
        t.settle(Verdict.ACCEPTED);
        return t;
    }

    /** Records the verdict; only the first one counts. */
    void settle(Verdict v) {
        verdict.complete(v);
    }

    /** Records that {@code member} accepted the transaction (set before the verdict, which publishes it). */
    void accepted(int member) {
        if (!verdict.isDone()) {
            acceptedBy = member;
        }
        settle(Verdict.ACCEPTED);
    }

    /** The member that accepted the transaction, once {@link #await} said {@link Verdict#ACCEPTED}; -1 if none did. */
    int acceptedBy() {
        return acceptedBy;
    }

    /** The verdict, waiting for it until {@code deadline}; {@link Verdict#UNCLEAR} if none came by then. */
    Verdict await(Instant deadline) throws InterruptedException {
        try {
            long ms = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            return verdict.get(ms, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Verdict.UNCLEAR;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a turn is only ever completed with a verdict", e);
        }
    }
}
