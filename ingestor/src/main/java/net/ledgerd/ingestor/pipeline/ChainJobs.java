package net.ledgerd.ingestor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.ledgerd.ingestor.ledger.BroadcastResult;
import net.ledgerd.ingestor.ledger.ChainHead;
import net.ledgerd.ingestor.ledger.Coverage;
import net.ledgerd.ingestor.ledger.LedgerClient;
import net.ledgerd.ingestor.ledger.LedgerUnavailableException;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.validation.ValidationException;

/**
 * The blocking work done off the consumer thread: reading an asset's chain head from the ledger, and sending a
 * transaction until it is read back as committed. Both end by a deadline, with an answer or a reason.
 */
final class ChainJobs {
    /** How often a transaction still unconfirmed is sent again (a member may have dropped it, e.g. on restart). */
    private static final Duration RESEND_EVERY = Duration.ofSeconds(5);

    private final LedgerClient ledger;
    private final HeightWatcher heights;
    private final Duration callTimeout;
    private final Duration confirmTimeout;

    ChainJobs(LedgerClient ledger, HeightWatcher heights, Duration callTimeout, Duration confirmTimeout) {
        this.ledger = ledger;
        this.heights = heights;
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
     * when the ledger said no (its head may have moved on), otherwise its fate is unclear (no answer in time).
     */
    record Outcome(boolean committed, boolean refused, String reason) {
        static final Outcome COMMITTED = new Outcome(true, false, "");

        static Outcome refused(String reason) {
            return new Outcome(false, true, reason);
        }

        static Outcome unclear(String reason) {
            return new Outcome(false, false, reason);
        }
    }

    /** Sends {@code tx} to member {@code member} first (see {@link LedgerClient#broadcast}) until it is confirmed. */
    Outcome submit(SignedTransaction tx, int member) throws InterruptedException {
        Instant deadline = Instant.now().plus(confirmTimeout);
        long seen = heights.height();
        try {
            BroadcastResult b = ledger.broadcast(tx.bytes(), member, deadline);
            if (!b.accepted()) {
                // Refused by CheckTx: a duplicate of a committed transaction is a success, anything else is not.
                return isCommitted(tx, deadline)
                        ? Outcome.COMMITTED
                        : Outcome.refused("refused by CheckTx (code " + b.code() + "): " + b.log());
            }
            Instant lastSent = Instant.now();
            // After a new block, ask Tendermint's transaction index at once and once more a second later (the
            // index follows the block). Tendermint 0.31.5 indexes a block's transactions only after the app's Commit
            // has returned, so code 0 there means the transaction is in the app's committed store. This is a small
            // key lookup on the member; reading the transaction back from the app's API instead cost that member's
            // database a full read of every confirmed transaction (JFR: 40% of the polled member's app CPU).
            int checks = 0;
            while (Instant.now().isBefore(deadline)) {
                long h = heights.awaitAbove(seen, Duration.ofSeconds(1));
                if (h > seen) {
                    seen = h;
                    checks = 2;
                }
                if (checks > 0) {
                    checks--;
                    Optional<Integer> code = ledger.deliverCode(tx.bytes(), deadline);
                    if (code.isPresent()) {
                        return code.get() == 0
                                ? Outcome.COMMITTED
                                : Outcome.refused("in a block but refused by DeliverTx (code " + code.get() + ")");
                    }
                }
                if (Instant.now().isAfter(lastSent.plus(RESEND_EVERY))) {
                    ledger.broadcast(tx.bytes(), member, Instant.now().plus(callTimeout));
                    lastSent = Instant.now();
                }
            }
            return isCommitted(tx, Instant.now().plus(callTimeout))
                    ? Outcome.COMMITTED
                    : Outcome.unclear("not committed within " + confirmTimeout.toSeconds() + " s");
        } catch (LedgerUnavailableException e) {
            return Outcome.unclear(e.getMessage());
        }
    }

    private boolean isCommitted(SignedTransaction tx, Instant deadline)
            throws LedgerUnavailableException, InterruptedException {
        return ledger.committedTransaction(tx.id(), deadline).isPresent();
    }
}
