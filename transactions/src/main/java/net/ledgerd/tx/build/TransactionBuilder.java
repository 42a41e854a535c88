package net.ledgerd.tx.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.conditions.Condition;
import net.ledgerd.tx.conditions.ConditionDetails;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.json.ServerTree;
import net.ledgerd.tx.json.StrictJson;
import net.ledgerd.tx.model.Fulfills;
import net.ledgerd.tx.model.Operation;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.model.TransactionReader;
import net.ledgerd.tx.validation.ValidationException;

/**
 * Builds and signs v2.0 transactions the way the official drivers do.
 *
 * <pre>{@code
 * SignedTransaction tx = TransactionBuilder.create(device)
 *     .asset(Map.of("serial", "A-17"))
 *     .metadata(Map.of("temp", 21.5))
 *     .output(1, device.publicKeyBase58())
 *     .sign(device);
 * byte[] wire = tx.bytes();
 *
 * SignedTransaction t2 = TransactionBuilder.transfer(tx.transaction(), 0)
 *     .output(1, buyer.publicKeyBase58())
 *     .sign(device);
 * }</pre>
 *
 * Outputs with one key get an ed25519-sha-256 condition; with several keys an n-of-n
 * threshold-sha-256 (as both drivers make them); any other condition can be given as details.
 */
public final class TransactionBuilder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Operation operation;
    private final List<String> issuers;
    private final String assetId;
    private JsonNode assetData = NullNode.instance;
    private JsonNode metadata = NullNode.instance;
    private final List<PendingInput> inputs = new ArrayList<>();
    private final List<ObjectNode> outputs = new ArrayList<>();

    private record PendingInput(List<String> ownersBefore, JsonNode details, Fulfills fulfills) {}

    private TransactionBuilder(Operation operation, List<String> issuers, String assetId) {
        this.operation = operation;
        this.issuers = issuers;
        this.assetId = assetId;
    }

    /** A CREATE signed by these issuers (one input; several issuers make an n-of-n threshold). */
    public static TransactionBuilder create(Ed25519KeyPair... issuers) {
        if (issuers.length == 0) {
            throw new IllegalArgumentException("a CREATE needs at least one issuer");
        }
        List<String> keys = new ArrayList<>();
        for (Ed25519KeyPair k : issuers) {
            keys.add(k.publicKeyBase58());
        }
        return createFor(keys);
    }

    /** A CREATE whose owners_before are these public keys (sign with the matching key pairs). */
    public static TransactionBuilder createFor(List<String> issuerPublicKeys) {
        return createFor(Operation.CREATE, issuerPublicKeys);
    }

    /**
     * A CREATE-like transaction (CREATE or an election, see {@link ElectionTransactions}) whose
     * owners_before are these public keys.
     */
    public static TransactionBuilder createFor(Operation operation, List<String> issuerPublicKeys) {
        if (!operation.createLike()) {
            throw new IllegalArgumentException(operation + " spends outputs; use transfer(" + operation + ", assetId)");
        }
        TransactionBuilder b = new TransactionBuilder(operation, List.copyOf(issuerPublicKeys), null);
        b.inputs.add(new PendingInput(b.issuers, ConditionDetails.forOwners(b.issuers), null));
        return b;
    }

    /** A TRANSFER of the given asset; add inputs with {@link #input}. */
    public static TransactionBuilder transfer(String assetId) {
        return transfer(Operation.TRANSFER, assetId);
    }

    /** A TRANSFER-like transaction (TRANSFER or VOTE) of the given asset; add inputs with {@link #input}. */
    public static TransactionBuilder transfer(Operation operation, String assetId) {
        if (!operation.transferLike()) {
            throw new IllegalArgumentException(operation + " issues an asset; use createFor(" + operation + ", keys)");
        }
        return new TransactionBuilder(operation, List.of(), Objects.requireNonNull(assetId));
    }

    /** A TRANSFER spending outputs of one earlier transaction (CREATE or TRANSFER). */
    public static TransactionBuilder transfer(Transaction spent, int... outputIndexes) {
        TransactionBuilder b = transfer(spent.assetId());
        for (int i : outputIndexes) {
            b.input(spent, i);
        }
        return b;
    }

    /** Spends output {@code outputIndex} of {@code spent}; owners_before are that output's public_keys. */
    public TransactionBuilder input(Transaction spent, int outputIndex) {
        Output o = spent.outputs().get(outputIndex);
        return input(spent.id(), outputIndex, o.publicKeys(), o.details());
    }

    /** Spends an output given its transaction id, index, public_keys and condition details. */
    public TransactionBuilder input(
            String transactionId, int outputIndex, List<String> ownersBefore, JsonNode details) {
        if (!operation.transferLike()) {
            throw new IllegalStateException("input applies to TRANSFER and VOTE transactions, this is a " + operation);
        }
        inputs.add(new PendingInput(
                List.copyOf(ownersBefore), details.deepCopy(), new Fulfills(transactionId, outputIndex)));
        return this;
    }

    /** CREATE (or election) asset data: a JSON object, or null. Maps and other values are converted with Jackson. */
    public TransactionBuilder asset(Object data) {
        if (!operation.createLike()) {
            throw new IllegalStateException("asset data applies to CREATE and elections, this is a " + operation);
        }
        assetData = toObjectOrNull(data, "asset data");
        return this;
    }

    /** Metadata: a JSON object with at least one key, or null. */
    public TransactionBuilder metadata(Object metadata) {
        this.metadata = toObjectOrNull(metadata, "metadata");
        return this;
    }

    /** An output of {@code amount} for these keys (one: ed25519; several: n-of-n threshold). */
    public TransactionBuilder output(long amount, String... publicKeysBase58) {
        List<String> keys = Arrays.asList(publicKeysBase58);
        return output(amount, keys, ConditionDetails.forOwners(keys));
    }

    /** An output locked by arbitrary condition details; public_keys are all keys in them. */
    public TransactionBuilder output(long amount, JsonNode details) {
        return output(amount, ConditionDetails.publicKeys(details), details);
    }

    /** An output with explicit public_keys and condition details. */
    public TransactionBuilder output(long amount, List<String> publicKeys, JsonNode details) {
        if (amount < 1 || amount > Output.MAX_AMOUNT) {
            throw new IllegalArgumentException("amount must be in 1..9000000000000000000, was " + amount);
        }
        Condition c;
        try {
            c = ConditionDetails.toCondition(details, "output");
        } catch (ValidationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ObjectNode out = F.objectNode();
        ArrayNode pks = out.putArray("public_keys");
        publicKeys.forEach(pks::add);
        ObjectNode cond = out.putObject("condition");
        cond.set("details", details.deepCopy());
        cond.put("uri", c.uri());
        out.put("amount", Long.toString(amount));
        outputs.add(out);
        return this;
    }

    /** The unsigned transaction (id and fulfillments null), as the drivers' prepare step gives it. */
    public ObjectNode unsignedJson() {
        ObjectNode tx = F.objectNode();
        ArrayNode ins = tx.putArray("inputs");
        for (PendingInput in : inputs) {
            ObjectNode i = ins.addObject();
            ArrayNode ob = i.putArray("owners_before");
            in.ownersBefore.forEach(ob::add);
            i.putNull("fulfillment");
            if (in.fulfills == null) {
                i.putNull("fulfills");
            } else {
                ObjectNode fl = i.putObject("fulfills");
                fl.put("transaction_id", in.fulfills.transactionId());
                fl.put("output_index", in.fulfills.outputIndex());
            }
        }
        ArrayNode outs = tx.putArray("outputs");
        outputs.forEach(o -> outs.add(o.deepCopy()));
        tx.put("operation", operation.name());
        tx.set("metadata", metadata.deepCopy());
        ObjectNode asset = tx.putObject("asset");
        if (operation.createLike()) {
            asset.set("data", assetData.deepCopy());
        } else {
            asset.put("id", assetId);
        }
        tx.put("version", "2.0");
        tx.putNull("id");
        return tx;
    }

    /**
     * Signs every input with the given keys and computes the id. Each input's fulfillment is built
     * from its condition (owners_before for CREATE, the spent output's details for TRANSFER); in a
     * threshold, the first subconditions that the keys can fulfill are signed, the rest left as
     * conditions.
     */
    public SignedTransaction sign(Ed25519KeyPair... keys) {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("a TRANSFER needs at least one input");
        }
        List<JsonNode> conditions = new ArrayList<>();
        for (PendingInput in : inputs) {
            conditions.add(in.details);
        }
        TransactionSigner.Signed signed = TransactionSigner.signCanonical(unsignedJson(), conditions, keys);
        byte[] bytes = signed.bytes();
        try {
            // The transaction as a server reads it from the bytes; copied from the tree where that is the same.
            Optional<ObjectNode> read = ServerTree.of(signed.json());
            return new SignedTransaction(
                    read.isPresent() ? TransactionReader.read(read.get()) : Transactions.parse(bytes), bytes);
        } catch (ValidationException e) {
            throw new IllegalStateException("the built transaction does not parse: " + e, e);
        }
    }

    private static JsonNode toObjectOrNull(Object value, String what) {
        if (value == null) {
            return NullNode.instance;
        }
        JsonNode n = value instanceof JsonNode j ? j : StrictJson.mapper().valueToTree(value);
        if (!n.isObject() && !n.isNull()) {
            throw new IllegalArgumentException(what + " must be a JSON object or null");
        }
        return n;
    }
}
