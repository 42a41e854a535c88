package net.ledgerd.tx.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A parsed BigchainDB v2.0 transaction. Instances come from {@link net.ledgerd.tx.Transactions#parse}
 * ({@link TransactionReader}) only, so the fields always agree with {@link #json()}, the tree that was parsed. That tree keeps
 * asset data and metadata exactly as sent (any JSON); treat it as read-only.
 */
public final class Transaction {
    private final ObjectNode json;
    private final String id;
    private final Operation operation;
    private final List<Input> inputs;
    private final List<Output> outputs;
    private final boolean duplicateKeys;
    private volatile net.ledgerd.tx.hashing.TxDigests digests;

    Transaction(
            ObjectNode json,
            String id,
            Operation operation,
            List<Input> inputs,
            List<Output> outputs,
            boolean duplicateKeys) {
        this.json = json;
        this.duplicateKeys = duplicateKeys;
        this.id = id;
        this.operation = operation;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /**
     * The parsed JSON tree (read-only). It is also the document BigchainDB 2.2.2 stores: its
     * deliver_tx keeps {@code json.loads} of the bytes (with subnormal floats read as zero) as the
     * transaction's {@code tx_dict}, and {@code store_bulk_transactions} writes that.
     */
    public ObjectNode json() {
        return json;
    }

    /**
     * The transaction as BigchainDB 2.2.2's HTTP API returns it ({@code to_dict()}): output uris
     * recomputed from their details, amounts without leading zeros, fulfillments re-encoded (see
     * {@link ServedForm}). Empty when 2.2.2 cannot produce it (an output whose details form no
     * condition, such as a threshold above its subcondition count, which 2.2.2 commits but then
     * answers with an internal error for).
     */
    public java.util.Optional<ObjectNode> servedForm() {
        return ServedForm.of(this);
    }

    /** Whether the text repeated a key in some object ({@link #json()} holds the last value). */
    public boolean duplicateKeys() {
        return duplicateKeys;
    }

    /** The {@code id} as sent (null when the JSON holds null; validation then fails). */
    public String id() {
        return id;
    }

    public String version() {
        return json.path("version").asText();
    }

    public Operation operation() {
        return operation;
    }

    public List<Input> inputs() {
        return inputs;
    }

    public List<Output> outputs() {
        return outputs;
    }

    /** The {@code asset} object: {@code {"data": ...}} for CREATE and elections, {@code {"id": ...}} for TRANSFER and VOTE. */
    public JsonNode asset() {
        return json.get("asset");
    }

    /** CREATE and elections: {@code asset.data} (an object or null node); TRANSFER and VOTE: a missing node. */
    public JsonNode assetData() {
        return json.get("asset").path("data");
    }

    /** {@code metadata}: an object or a null node. */
    public JsonNode metadata() {
        return json.get("metadata");
    }

    /** The asset's id: this transaction's id for CREATE and elections, {@code asset.id} for TRANSFER and VOTE. */
    public String assetId() {
        return operation.transferLike() ? json.get("asset").path("id").asText() : id;
    }

    /**
     * The id this transaction must carry and its signing state, computed once from one canonical
     * serialization of {@link #json()} and then cached.
     */
    public net.ledgerd.tx.hashing.TxDigests digests() {
        net.ledgerd.tx.hashing.TxDigests d = digests;
        if (d == null) {
            digests = d = net.ledgerd.tx.hashing.TxHashes.digests(json);
        }
        return d;
    }

    @Override
    public String toString() {
        return "Transaction[" + operation + " " + id + "]";
    }
}
