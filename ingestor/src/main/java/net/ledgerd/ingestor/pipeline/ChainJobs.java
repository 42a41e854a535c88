package net.ledgerd.ingestor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.ledgerd.ingestor.ledger.BroadcastResult;
import net.ledgerd.ingestor.ledger.ChainHead;
import net.ledgerd.ingestor.ledger.Coverage;
import net.ledgerd.ingestor.ledger.LedgerClient;
import net.ledgerd.ingestor.ledger.LedgerUnavailableException;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking work done off the consumer thread: reading an asset's chain head from the ledger, and sending a
 * transaction until it is read back as committed. Both end by a deadline, with an answer or a reason.
 */
final class ChainJobs {
    private static final Logger log = LoggerFactory.getLogger(ChainJobs.class);

    /**
     * When a transaction still unconfirmed is first sent again (a member may have dropped it, e.g. on restart); the
     * wait doubles after each resend, as a transaction queued behind others in the mempools only needs patience.
     */
    private static final Duration FIRST_RESEND = Duration.ofSeconds(5);

    private final LedgerClient ledger;
    private final CommitFeed commits;
    private final Duration callTimeout;
    private final Duration confirmTimeout;

    ChainJobs(LedgerClient ledger, CommitFeed commits, Duration callTimeout, Duration confirmTimeout) {
        this.ledger = ledger;
        this.commits = commits;
        this.callTimeout = callTimeout;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * The head, or empty when the CREATE is not committed. Without {@code history}: the hinted transaction, fetched
     * by id; with no hint, the CREATE fetched by id (absent: the asset is new). Only otherwise, or with
     * {@code history}, the asset's last transaction from its history (a scan where asset.id has no index).
     */
    Optional<ChainHead> lookUp(String assetId, String hint, boolean history)
            throws LedgerUnavailableException, InterruptedException {
        Instant deadline = Instant.now().plus(confirmTimeout);
        if (!history) {
            Optional<JsonNode> known = ledger.committedTransaction(hint != null ? hint : assetId, deadline);
            if (known.isEmpty() && hint == null) {
                return Optional.empty();
            }
            if (known.isPresent() && hint != null) {
                return Optional.of(head(assetId, known.get()));
            }
        }
        Optional<JsonNode> last = ledger.lastTransactionOfAsset(assetId, deadline);
        return last.isEmpty() ? Optional.empty() : Optional.of(head(assetId, last.get()));
    }

    private static ChainHead head(String assetId, JsonNode tx) throws LedgerUnavailableException {
        try {
            return new ChainHead(Transactions.parse(tx), Coverage.fromMetadata(tx.get("metadata")));
        } catch (ValidationException e) {
            throw new LedgerUnavailableException(
                    "the ledger returned an unreadable transaction of asset " + assetId + ": " + e.getMessage());
        }
    }

    /**
     * What became of a transaction: committed (read back from the ledger), or the reason it is not; {@code refused}
     * when the ledger said no (its head may have moved on), otherwise its fate is unclear (no answer in time). For one
     * the commit feed found: when its broadcast was accepted and its block seen and stored (see {@link Timeline}; -1
     * when it was found committed otherwise), and which member accepted it (the asset's next transactions go there
     * first; -1 when not known).
     */
    record Outcome(
            boolean committed,
            boolean refused,
            String reason,
            long acceptedAtMs,
            long blockSeenAtMs,
            long storedAtMs,
            int member) {
        static final Outcome COMMITTED = new Outcome(true, false, "", -1, -1, -1, -1);

        static Outcome inBlock(long acceptedAtMs, CommitFeed.InBlock b, int member) {
            return b.code() == 0
                    ? new Outcome(true, false, "", acceptedAtMs, b.blockSeenAtMs(), b.storedAtMs(), member)
                    : refused("in a block but refused by DeliverTx (code " + b.code() + ")");
        }

        static Outcome refused(String reason) {
            return new Outcome(false, true, reason, -1, -1, -1, -1);
        }

        static Outcome unclear(String reason) {
            return new Outcome(false, false, reason, -1, -1, -1, -1);
        }
    }

    /**
     * Sends {@code tx} to member {@code member} first, or to the member that accepted {@code predecessor} (see {@link
     * LedgerClient#broadcast}), until it is confirmed:
     * committed in a block the app has stored, with DeliverTx code 0 (see {@link CommitFeed}). The broadcast starts
     * only once {@code predecessor} (the turn of the asset's transaction in flight before it) was accepted, and
     * settles {@code turn} with its own answer; when the predecessor was not accepted, {@code tx} is not sent.
     */
    Outcome submit(SignedTransaction tx, int member, BroadcastTurn predecessor, BroadcastTurn turn)
            throws InterruptedException {
        try {
            return submitInTurn(tx, member, predecessor, turn);
        } finally {
            // e.g. the members unreachable until the deadline: the successor must not wait for more
            turn.settle(BroadcastTurn.Verdict.UNCLEAR);
        }
    }

    private Outcome submitInTurn(SignedTransaction tx, int member, BroadcastTurn predecessor, BroadcastTurn turn)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(confirmTimeout);
        BroadcastTurn.Verdict before = predecessor.await(deadline);
        if (before != BroadcastTurn.Verdict.ACCEPTED) {
            // Its input would not exist for CheckTx; the predecessor's own outcome says what to do with the asset.
            turn.settle(before);
            return before == BroadcastTurn.Verdict.REFUSED
                    ? Outcome.refused("not sent: the transaction it spends was refused")
                    : Outcome.unclear("not sent: the fate of the transaction it spends is unclear");
        }
        String hash = LedgerClient.txHash(tx.bytes());
        CompletableFuture<CommitFeed.InBlock> inBlock = commits.await(hash);
        try {
            int first = predecessor.acceptedBy() >= 0 ? predecessor.acceptedBy() : member;
            BroadcastResult b = ledger.broadcast(tx.bytes(), first, deadline);
            if (!b.accepted()) {
                // Refused by CheckTx: a duplicate of a committed transaction is a success, anything else is not.
                boolean committed = isCommitted(tx, deadline);
                turn.settle(committed ? BroadcastTurn.Verdict.ACCEPTED : BroadcastTurn.Verdict.REFUSED);
                return committed
                        ? Outcome.COMMITTED
                        : Outcome.refused("refused by CheckTx (code " + b.code() + "): " + b.log());
            }
            turn.accepted(b.member());
            long acceptedAtMs = System.currentTimeMillis();
            // Accepted by CheckTx, the transaction was not committed before (CheckTx refuses a committed one; a member
            // behind the others is the rare exception, left to the deadline), so the feed reads its block. Known to
            // the member's cache, it may have been committed in a block the feed read before this wait began: the
            // index is asked for it before it is sent again.
            boolean maybeCommittedBefore = b.known();
            Duration resendAfter = FIRST_RESEND;
            Instant nextSend = Instant.now().plus(resendAfter);
            while (Instant.now().isBefore(deadline)) {
                Instant until = nextSend.isBefore(deadline) ? nextSend : deadline;
                Optional<CommitFeed.InBlock> found = answer(inBlock, Duration.between(Instant.now(), until));
                if (found.isPresent()) {
                    return Outcome.inBlock(acceptedAtMs, found.get(), b.member());
                }
                if (!Instant.now().isBefore(nextSend)) {
                    Optional<Integer> code =
                            maybeCommittedBefore ? ledger.deliverCode(hash, deadline) : Optional.empty();
                    if (code.isPresent()) {
                        return code.get() == 0
                                ? Outcome.COMMITTED
                                : Outcome.refused("in a block but refused by DeliverTx (code " + code.get() + ")");
                    }
                    resend(tx, b.member());
                    resendAfter = resendAfter.multipliedBy(2);
                    nextSend = Instant.now().plus(resendAfter);
                }
            }
            return isCommitted(tx, Instant.now().plus(callTimeout))
                    ? Outcome.COMMITTED
                    : Outcome.unclear("not committed within " + confirmTimeout.toSeconds() + " s");
        } catch (LedgerUnavailableException e) {
            return Outcome.unclear(e.getMessage());
        } finally {
            commits.forget(hash, inBlock);
        }
    }

    /**
     * Sends an accepted transaction again, in case its member dropped it. The transaction is in a mempool already, so
     * a resend that no member answers in time does not end the wait for its block.
     */
    private void resend(SignedTransaction tx, int member) throws InterruptedException {
        try {
            ledger.broadcast(tx.bytes(), member, Instant.now().plus(callTimeout));
        } catch (LedgerUnavailableException e) {
            log.info("resending {} got no answer; still waiting for its block: {}", tx.id(), e.getMessage());
        }
    }

    /** What the feed reports within {@code timeout}, or empty. */
    private static Optional<CommitFeed.InBlock> answer(CompletableFuture<CommitFeed.InBlock> inBlock, Duration timeout)
            throws InterruptedException {
        try {
            return Optional.of(inBlock.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the commit feed completes waiters only with a code", e);
        }
    }

    private boolean isCommitted(SignedTransaction tx, Instant deadline)
            throws LedgerUnavailableException, InterruptedException {
        return ledger.committedTransaction(tx.id(), deadline).isPresent();
    }
}
