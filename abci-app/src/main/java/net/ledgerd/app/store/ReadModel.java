package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.ledgerd.tx.ledger.OutputLink;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What the HTTP API and the ABCI queries read, as the JSON both answer with (one view, so the two
 * cannot drift apart): transactions with asset and metadata joined back, an asset's history,
 * outputs by owner, blocks, text search. These are the queries that are not by {@code _id}, so on
 * FerretDB they scan; validation never uses them.
 */
public final class ReadModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerCollections c;
    private final boolean textIndexes;

    ReadModel(LedgerCollections c, boolean textIndexes) {
        this.c = c;
        this.textIndexes = textIndexes;
    }

    /** The whole transaction as it was sent: the stored document with its asset and metadata joined back. */
    public Optional<ObjectNode> transaction(String transactionId) {
        return c.storedTransaction(transactionId).map(this::joinAssetAndMetadata);
    }

    public List<ObjectNode> transactions(List<String> transactionIds) {
        List<ObjectNode> result = new ArrayList<>();
        for (String id : transactionIds) {
            transaction(id).ifPresent(result::add);
        }
        return result;
    }

    private ObjectNode joinAssetAndMetadata(ObjectNode tx) {
        String id = tx.path("id").asText();
        if ("CREATE".equals(tx.path("operation").asText()) || !tx.has("asset")) {
            Document asset = c.assets
                    .find(c.byTransactionId(id))
                    .projection(Projections.exclude("_id", "id"))
                    .first();
            if (asset != null) {
                tx.set("asset", BsonJson.toJson(asset));
            }
        }
        if (!tx.has("metadata")) {
            Document meta = c.metadata.find(c.byTransactionId(id)).first();
            tx.set("metadata", meta == null ? null : BsonJson.toJsonValue(meta.get("metadata")));
        }
        return tx;
    }

    /** An asset's transactions in commit order, CREATE first: the asset's value history. */
    public List<ObjectNode> transactionsOfAsset(String assetId) {
        return transactionsOfAsset(assetId, null, false);
    }

    /**
     * BigchainDB's get_txids_filtered: the asset's CREATE, its TRANSFERs, or both ({@code operation}
     * null), in commit order; with {@code lastOnly} just the last of them. Asset and metadata are
     * joined back only for what is returned.
     */
    public List<ObjectNode> transactionsOfAsset(String assetId, String operation, boolean lastOnly) {
        if ("CREATE".equals(operation)) {
            // A lookup by the transaction's own key, which every server answers from an index.
            return c.storedTransaction(assetId)
                    .filter(tx -> "CREATE".equals(tx.path("operation").asText()))
                    .map(tx -> List.of(joinAssetAndMetadata(tx)))
                    .orElse(List.of());
        }
        Bson match = operation == null
                ? Filters.or(c.byTransactionId(assetId), Filters.eq("asset.id", assetId))
                : Filters.and(Filters.eq("operation", "TRANSFER"), Filters.eq("asset.id", assetId));
        List<Document> found = new ArrayList<>();
        for (Document d : c.transactions.find(match).projection(Projections.excludeId())) {
            if (lastOnly) {
                found.clear();
            }
            found.add(d);
        }
        List<ObjectNode> result = new ArrayList<>(found.size());
        for (Document d : found) {
            result.add(joinAssetAndMetadata(BsonJson.toJson(d)));
        }
        return result;
    }

    /**
     * The outputs whose condition names the key, as fastquery.get_outputs_by_public_key finds them:
     * the transactions listing the key in an output's public_keys, then each output whose condition
     * details hold it (condition_details_has_owner), whatever its public_keys say.
     */
    public List<OutputLink> outputsOwnedBy(String publicKey) {
        List<OutputLink> links = new ArrayList<>();
        for (Document d : c.transactions
                .find(Filters.eq("outputs.public_keys", publicKey))
                .projection(Projections.include("id", "outputs"))) {
            JsonNode outputs = BsonJson.toJson(d).path("outputs");
            for (int i = 0; i < outputs.size(); i++) {
                if (ConditionOwners.has(outputs.get(i).path("condition").path("details"), publicKey)) {
                    links.add(new OutputLink(d.getString("id"), i));
                }
            }
        }
        return links;
    }

    /** The subset of the given committed outputs that some committed transaction spends. */
    Set<OutputLink> spentAmong(List<OutputLink> outputs) {
        Set<OutputLink> spent = new HashSet<>();
        for (OutputLink o : outputs) {
            if (c.utxos
                            .find(Filters.eq("_id", o.key()))
                            .projection(Projections.include("_id"))
                            .first()
                    == null) {
                spent.add(o);
            }
        }
        return spent;
    }

    public List<OutputLink> unspentOutputsOwnedBy(String publicKey) {
        List<OutputLink> owned = outputsOwnedBy(publicKey);
        Set<OutputLink> spent = spentAmong(owned);
        return owned.stream().filter(o -> !spent.contains(o)).toList();
    }

    /**
     * {@code [{"transaction_id", "output_index"}]} of the outputs the key owns; only the unspent or
     * only the spent ones when {@code spent} is false or true.
     */
    public ArrayNode outputs(String publicKey, Boolean spent) {
        List<OutputLink> owned = outputsOwnedBy(publicKey);
        if (spent != null) {
            Set<OutputLink> spentOnes = spentAmong(owned);
            owned = owned.stream().filter(o -> spentOnes.contains(o) == spent).toList();
        }
        ArrayNode result = JSON.createArrayNode();
        for (OutputLink o : owned) {
            result.addObject().put("transaction_id", o.transactionId()).put("output_index", o.outputIndex());
        }
        return result;
    }

    /**
     * {@code {"height", "transactions": [...]}}: the block at that height with its transactions as
     * they were sent; empty when the height has none.
     */
    public ObjectNode block(long height) {
        ObjectNode result = JSON.createObjectNode();
        result.put("height", height);
        ArrayNode txs = result.putArray("transactions");
        Bson filter = c.legacyIds ? Filters.eq("height", height) : Filters.eq("_id", height);
        Optional.ofNullable(c.blocks.find(filter).first())
                .map(LedgerStore::toBlock)
                .ifPresent(b -> transactions(b.transactions()).forEach(txs::add));
        return result;
    }

    /** Whether a block of that height is stored. */
    public boolean hasBlock(long height) {
        Bson filter = c.legacyIds ? Filters.eq("height", height) : Filters.eq("_id", height);
        return c.blocks.find(filter).projection(Projections.include("_id")).first() != null;
    }

    public List<Long> heightsOfBlocksContaining(String transactionId) {
        List<Long> heights = new ArrayList<>();
        for (Document d :
                c.blocks.find(Filters.eq("transactions", transactionId)).projection(Projections.include("height"))) {
            heights.add(((Number) d.get("height")).longValue());
        }
        return heights;
    }

    /** GET /assets?search=: BigchainDB's text search over asset data, best matches first. */
    public List<ObjectNode> searchAssets(String search, int limit) {
        return textSearch(c.assets, search, limit);
    }

    /** GET /metadata?search=: the same over metadata. */
    public List<ObjectNode> searchMetadata(String search, int limit) {
        return textSearch(c.metadata, search, limit);
    }

    private List<ObjectNode> textSearch(MongoCollection<Document> collection, String search, int limit) {
        List<ObjectNode> result = new ArrayList<>();
        if (textIndexes) {
            var cursor = collection
                    .find(Filters.text(
                            search,
                            new com.mongodb.client.model.TextSearchOptions()
                                    .language("english")
                                    .caseSensitive(false)
                                    .diacriticSensitive(false)))
                    .projection(Projections.fields(Projections.metaTextScore("score"), Projections.excludeId()))
                    .sort(Sorts.metaTextScore("score"));
            if (limit > 0) {
                cursor = cursor.limit(limit);
            }
            for (Document d : cursor) {
                d.remove("score");
                result.add(BsonJson.toJson(d));
            }
            return result;
        }
        TextSearch query = new TextSearch(search);
        List<Map.Entry<Integer, ObjectNode>> scored = new ArrayList<>();
        for (Document d : collection.find().projection(Projections.excludeId())) {
            ObjectNode json = BsonJson.toJson(d);
            ObjectNode searchable = json.deepCopy();
            searchable.remove("id");
            int score = query.score(searchable);
            if (score > 0) {
                scored.add(Map.entry(score, json));
            }
        }
        scored.sort((a, b) -> Integer.compare(b.getKey(), a.getKey()));
        for (Map.Entry<Integer, ObjectNode> e : scored) {
            if (limit > 0 && result.size() >= limit) {
                break;
            }
            result.add(e.getValue());
        }
        return result;
    }
}
