package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.ledgerd.tx.conditions.ConditionDetails;
import net.ledgerd.tx.ledger.LedgerOutput;
import net.ledgerd.tx.ledger.OutputLink;
import net.ledgerd.tx.model.Operation;
import net.ledgerd.tx.validation.ValidationException;
import org.bson.Document;

/** The {@code utxos} rows: what a transaction adds and removes, and the row of one output. */
final class UtxoRows {
    private UtxoRows() {}

    /**
     * A {@code utxos} row holds everything validation needs of an output (amount, condition uri
     * and details, owners, asset id), so spending it costs one lookup by {@code _id} and no
     * transaction fetch.
     */
    static Document utxoDocument(LedgerOutput u) {
        return new Document("_id", u.link().key())
                .append("transaction_id", u.link().transactionId())
                .append("output_index", u.link().outputIndex())
                .append("amount", u.amount())
                .append("asset_id", u.assetId())
                .append("condition_uri", u.conditionUri())
                .append("condition_details", BsonJson.toBsonValue(u.conditionDetails()))
                .append("public_keys", u.publicKeys());
    }

    static LedgerOutput fromUtxoDocument(Document d) {
        Object details = d.get("condition_details");
        List<String> owners = d.getList("public_keys", String.class);
        return new LedgerOutput(
                new OutputLink(d.getString("transaction_id"), ((Number) d.get("output_index")).intValue()),
                ((Number) d.get("amount")).longValue(),
                d.getString("condition_uri"),
                details == null ? NullNode.getInstance() : BsonJson.toJsonValue(details),
                owners == null ? List.of() : owners,
                d.getString("asset_id"));
    }

    /**
     * The outputs a stored transaction creates, as utxos rows. The condition uri is formed from the
     * stored details, as BigchainDB 2.2.2 forms it when the output is spent; the stored uri text
     * plays no part.
     */
    static List<LedgerOutput> outputsOf(ObjectNode tx) {
        String id = tx.path("id").asText();
        Operation op = Operation.of(tx.path("operation").asText());
        String assetId =
                op != null && op.createLike() ? id : tx.path("asset").path("id").asText();
        List<LedgerOutput> result = new ArrayList<>();
        JsonNode outputs = tx.path("outputs");
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode o = outputs.get(i);
            List<String> owners = new ArrayList<>();
            o.path("public_keys").forEach(k -> owners.add(k.asText()));
            result.add(new LedgerOutput(
                    new OutputLink(id, i),
                    Long.parseLong(o.path("amount").asText("0")),
                    conditionUri(o.path("condition").path("details")),
                    o.path("condition").path("details"),
                    owners,
                    assetId));
        }
        return result;
    }

    /** The outputs a transaction spends. */
    static List<OutputLink> spentBy(ObjectNode tx) {
        List<OutputLink> result = new ArrayList<>();
        for (JsonNode input : tx.path("inputs")) {
            JsonNode f = input.path("fulfills");
            if (f.isObject()) {
                result.add(new OutputLink(
                        f.path("transaction_id").asText(),
                        f.path("output_index").asInt()));
            }
        }
        return result;
    }

    /**
     * The uri of the condition the details form, or null when they form none: BigchainDB 2.2.2
     * commits such an output (a threshold above its subcondition count) but it can never be spent.
     */
    private static String conditionUri(JsonNode details) {
        try {
            return ConditionDetails.toCondition(details, "stored output").uri();
        } catch (ValidationException e) {
            return null;
        }
    }
}
