package net.ledgerd.tx.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.ledgerd.tx.ledger.LedgerOutput;
import net.ledgerd.tx.ledger.LedgerView;
import net.ledgerd.tx.ledger.OutputLink;
import net.ledgerd.tx.model.Input;
import net.ledgerd.tx.model.Transaction;

/**
 * The whole rule order of BigchainDB 2.2.2 for a parsed transaction, in one call, against any
 * {@link LedgerView}: the committed ledger (HTTP API), the mempool over it (CheckTx) or the block in
 * progress over it (DeliverTx). The same call with another view is the only difference between
 * those three; the rules do no I/O, the view does.
 *
 * <p>Order: the transaction's own content (id, keys, no input twice), then the mempool policy if
 * the {@link ValidationPolicy} asks for it, then as {@code models.Transaction.validate}: a CREATE must not exist yet and its fulfillment must
 * sign it; a TRANSFER's inputs must exist and be unspent (in input order, {@code
 * validate_transfer_inputs}), then the inputs' asset, the amounts and the fulfillments against
 * the spent outputs; last, what the database can store. An election is checked as a CREATE, then
 * against the view's validator set ({@link ElectionRules}); a VOTE exactly as a TRANSFER.
 */
public final class Validator {
    private Validator() {}

    public static void validate(Transaction tx, LedgerView view, ValidationPolicy policy) throws ValidationException {
        StatelessValidator.validateId(tx);
        StatelessValidator.validateKeys(tx);
        StatelessValidator.validateDistinctInputs(tx);
        if (policy.mempoolPolicy()) {
            StatelessValidator.validateMempoolPolicy(tx);
        }
        if (tx.operation().createLike()) {
            if (view.contains(tx.id())) {
                throw new ValidationException(
                        Rule.DUPLICATE_TRANSACTION, "transaction `" + tx.id() + "` already exists");
            }
            if (policy.verifySignatures()) {
                StatelessValidator.validateCreateFulfillment(tx);
            }
            if (tx.operation().election()) {
                ElectionRules.validate(tx, view.validators());
            }
        } else {
            List<LedgerOutput> spent = spentOutputs(tx, view);
            TransferRules.validateAssetIds(tx, spent);
            TransferRules.validateAmounts(tx, spent);
            if (policy.verifySignatures()) {
                TransferRules.validateFulfillments(tx, spent);
            }
        }
        // Last, so that every transaction BigchainDB refuses gets its verdict; it accepts these
        // and then fails at Commit.
        StorageLimits.check(tx.json());
    }

    /** The outputs a TRANSFER spends, in input order: {@link Rule#INPUT_DOES_NOT_EXIST}, {@link Rule#DOUBLE_SPEND}. */
    static List<LedgerOutput> spentOutputs(Transaction tx, LedgerView view) throws ValidationException {
        List<LedgerOutput> spent = new ArrayList<>(tx.inputs().size());
        for (Input input : tx.inputs()) {
            OutputLink link = OutputLink.of(input.fulfills());
            Optional<LedgerOutput> output = view.unspent(link);
            if (output.isEmpty()) {
                throw missingOrSpent(view, link);
            }
            spent.add(output.get());
        }
        return spent;
    }

    private static ValidationException missingOrSpent(LedgerView view, OutputLink link) {
        String txid = link.transactionId();
        OptionalInt outputs = view.outputCount(txid);
        if (outputs.isEmpty()) {
            return new ValidationException(Rule.INPUT_DOES_NOT_EXIST, "input `" + txid + "` doesn't exist");
        }
        if (link.outputIndex() >= outputs.getAsInt()) {
            return new ValidationException(
                    Rule.INPUT_DOES_NOT_EXIST,
                    "input `" + txid + "` has no output " + link.outputIndex() + " (it has " + outputs.getAsInt()
                            + ")");
        }
        return new ValidationException(
                Rule.DOUBLE_SPEND, "input `" + txid + "` output " + link.outputIndex() + " was already spent");
    }
}
