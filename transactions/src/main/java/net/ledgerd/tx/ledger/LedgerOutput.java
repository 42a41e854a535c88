package net.ledgerd.tx.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;

/**
 * An unspent output with everything a TRANSFER spending it is checked against, so that validation
 * needs neither the transaction holding it nor a condition rebuilt from its details.
 *
 * @param conditionUri the uri of the condition formed from the details (what BigchainDB 2.2.2
 *     compares a fulfillment with, whatever {@code condition.uri} text the output was sent with),
 *     or null when the details form no condition (committed by 2.2.2, never spendable)
 * @param conditionDetails {@code condition.details} (read-only)
 * @param publicKeys the output's {@code public_keys}
 * @param assetId the asset the output holds: the CREATE's id
 */
public record LedgerOutput(
        OutputLink link,
        long amount,
        String conditionUri,
        JsonNode conditionDetails,
        List<String> publicKeys,
        String assetId) {
    public LedgerOutput {
        publicKeys = List.copyOf(publicKeys);
    }

    /** Output {@code index} of a parsed transaction. */
    public static LedgerOutput of(Transaction tx, int index) {
        return of(new OutputLink(tx.id(), index), tx.outputs().get(index), tx.assetId());
    }

    /** A parsed output at {@code link}, of asset {@code assetId}. */
    public static LedgerOutput of(OutputLink link, Output output, String assetId) {
        return new LedgerOutput(
                link,
                output.amount(),
                output.condition() == null ? null : output.condition().uri(),
                output.details(),
                output.publicKeys(),
                assetId);
    }
}
