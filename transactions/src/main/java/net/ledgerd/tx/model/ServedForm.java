package net.ledgerd.tx.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * BigchainDB 2.2.2's {@code Transaction.from_dict(tx).to_dict()}: the form its HTTP API returns a
 * transaction in. It differs from the stored document (2.2.2 stores the JSON as received, {@link
 * Transaction#json()}) in three places: each output's {@code condition.uri} is recomputed from its
 * details, each {@code amount} is {@code str(int(amount))} ({@code "007"} becomes {@code "7"}), and
 * each fulfillment is re-encoded by cryptoconditions ({@code serialize_uri}: canonical DER, so
 * unsorted SET OF, long lengths, trailing bytes and unused base64 bits disappear). Everything else
 * (owners_before, fulfills, public_keys, details, asset, metadata, version, id) is returned as
 * received.
 */
final class ServedForm {
    private ServedForm() {}

    /** Empty when 2.2.2's to_dict raises (an output whose details form no condition). */
    static Optional<ObjectNode> of(Transaction tx) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode json = tx.json();
        ObjectNode out = f.objectNode();
        ArrayNode inputs = out.putArray("inputs");
        for (int i = 0; i < tx.inputs().size(); i++) {
            Input in = tx.inputs().get(i);
            JsonNode raw = json.get("inputs").get(i);
            ObjectNode o = inputs.addObject();
            o.set("owners_before", raw.get("owners_before").deepCopy());
            o.set("fulfills", raw.get("fulfills").deepCopy());
            // unsigned inputs carry details, which to_dict returns as they are (the schema allows no other keys)
            o.set(
                    "fulfillment",
                    in.fulfillment() == null
                            ? raw.get("fulfillment").deepCopy()
                            : f.textNode(in.fulfillment().uri()));
        }
        ArrayNode outputs = out.putArray("outputs");
        for (int i = 0; i < tx.outputs().size(); i++) {
            Output o = tx.outputs().get(i);
            if (o.condition() == null) {
                return Optional.empty();
            }
            JsonNode raw = json.get("outputs").get(i);
            ObjectNode so = outputs.addObject();
            so.set("public_keys", raw.get("public_keys").deepCopy());
            ObjectNode condition = so.putObject("condition");
            condition.set("details", o.details().deepCopy());
            condition.put("uri", o.condition().uri());
            so.put("amount", Long.toString(o.amount()));
        }
        for (String field : new String[] {"operation", "metadata", "asset", "version", "id"}) {
            out.set(field, json.get(field).deepCopy());
        }
        return Optional.of(out);
    }
}
