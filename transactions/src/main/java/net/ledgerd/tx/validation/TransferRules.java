package net.ledgerd.tx.validation;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.ledgerd.tx.conditions.Condition;
import net.ledgerd.tx.conditions.Fulfillment;
import net.ledgerd.tx.ledger.LedgerOutput;
import net.ledgerd.tx.model.Fulfills;
import net.ledgerd.tx.model.Input;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;

/** The TRANSFER checks that need the spent outputs, each given them in the order of {@code tx.inputs()}. */
final class TransferRules {
    private TransferRules() {}

    /** {@link Rule#ASSET_ID_MISMATCH}: the spent outputs must all belong to {@code asset.id}. */
    static void validateAssetIds(Transaction tx, List<LedgerOutput> spent) throws ValidationException {
        Set<String> distinct = new HashSet<>();
        spent.forEach(o -> distinct.add(o.assetId()));
        if (distinct.size() > 1) {
            throw new ValidationException(
                    Rule.ASSET_ID_MISMATCH,
                    "all inputs of a transaction must spend outputs of" + " the same asset; these spend assets "
                            + new TreeSet<>(distinct),
                    "All inputs of all transactions passed need to have the same asset id");
        }
        if (!distinct.isEmpty() && !distinct.iterator().next().equals(tx.assetId())) {
            throw new ValidationException(
                    Rule.ASSET_ID_MISMATCH,
                    "the asset id of the inputs (" + distinct.iterator().next()
                            + ") does not match the asset id of the transaction (" + tx.assetId() + ")",
                    "The asset id of the input does not match the asset id of the transaction");
        }
    }

    /** {@link Rule#AMOUNT_MISMATCH}: the inputs must hold as much as the outputs. */
    static void validateAmounts(Transaction tx, List<LedgerOutput> spent) throws ValidationException {
        BigInteger in = BigInteger.ZERO;
        for (LedgerOutput o : spent) {
            in = in.add(BigInteger.valueOf(o.amount()));
        }
        BigInteger out = BigInteger.ZERO;
        for (Output o : tx.outputs()) {
            out = out.add(BigInteger.valueOf(o.amount()));
        }
        if (!in.equals(out)) {
            throw new ValidationException(
                    Rule.AMOUNT_MISMATCH,
                    "the amount used in the inputs `" + in + "` needs to be same as the amount used in the outputs `"
                            + out + "`",
                    "The amount used in the inputs `" + in + "` needs to be same as the amount used in the outputs `"
                            + out + "`");
        }
    }

    /**
     * Each input's fulfillment must be for the condition of the output it spends ({@link
     * Rule#FULFILLMENT_CONDITION_MISMATCH}) and validate that input's signing message ({@link
     * Rule#INVALID_SIGNATURE}).
     */
    static void validateFulfillments(Transaction tx, List<LedgerOutput> spent) throws ValidationException {
        List<Input> ins = tx.inputs();
        for (int i = 0; i < ins.size(); i++) {
            Input in = ins.get(i);
            Fulfillment f = StatelessValidator.requireSigned(in, i);
            String spentUri = spent.get(i).conditionUri();
            if (spentUri == null) {
                throw new ValidationException(
                        Rule.FULFILLMENT_CONDITION_MISMATCH,
                        "input " + i + ": the spent output " + describe(in.fulfills())
                                + " has condition details that form no condition; it cannot be spent");
            }
            Condition actual = StatelessValidator.conditionOf(f, i);
            if (!actual.uri().equals(spentUri)) {
                throw new ValidationException(
                        Rule.FULFILLMENT_CONDITION_MISMATCH,
                        "input " + i + ": the fulfillment is"
                                + " for condition " + actual.uri() + " but the spent output " + describe(in.fulfills())
                                + " is locked by " + spentUri + "; sign with the keys of that output",
                        StatelessValidator.SIGNATURE_INVALID);
            }
            byte[] message = tx.digests().inputMessage(in.fulfills());
            if (!f.validate(message)) {
                throw new ValidationException(
                        Rule.INVALID_SIGNATURE,
                        "input " + i + ": the fulfillment does not"
                                + " validate: a signature is not over this transaction and " + describe(in.fulfills())
                                + " (sign SHA3-256 of the canonical body with id and fulfillments null, followed by"
                                + " transaction_id and output_index)",
                        StatelessValidator.SIGNATURE_INVALID);
            }
        }
    }

    private static String describe(Fulfills f) {
        return f == null ? "(none)" : f.transactionId() + ":" + f.outputIndex();
    }
}
