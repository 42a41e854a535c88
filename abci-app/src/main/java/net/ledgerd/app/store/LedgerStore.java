package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's MongoDB, in BigchainDB 2.2.2's layout: transactions without their asset and metadata,
 * assets and metadata in their own collections keyed by transaction id, blocks, pre_commit,
 * validators, abci_chains, utxos and elections, with the indexes BigchainDB creates. A database
 * written by a BigchainDB node can be opened and continued.
 *
 * <p>Every lookup on the validation path is by {@code _id}, which every MongoDB-protocol server
 * answers from its primary key (FerretDB's SQLite backend answers nothing else without a scan):
 * transactions, assets and metadata take the transaction id as {@code _id}, blocks their height,
 * and the {@code utxos} collection (which BigchainDB 2.2.2 defines but leaves empty) holds the
 * unspent outputs keyed {@code txid:index}. A database written by BigchainDB has ObjectId
 * {@code _id}s; it is recognised at open, looked up by its indexed fields instead, and its utxos
 * are rebuilt once.
 */
public final class LedgerStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerStore.class);

    private final MongoClient client;
    private final MongoCollection<Document> transactions;
    private final MongoCollection<Document> assets;
    private final MongoCollection<Document> metadata;
    private final MongoCollection<Document> blocks;
    private final MongoCollection<Document> preCommit;
    private final MongoCollection<Document> validators;
    private final MongoCollection<Document> abciChains;
    private final MongoCollection<Document> utxos;
    private boolean textIndexes;
    private boolean legacyIds;

    private LedgerStore(MongoClient client, MongoDatabase db) {
        this.client = client;
        this.transactions = db.getCollection("transactions");
        this.assets = db.getCollection("assets");
        this.metadata = db.getCollection("metadata");
        this.blocks = db.getCollection("blocks");
        this.preCommit = db.getCollection("pre_commit");
        this.validators = db.getCollection("validators");
        this.abciChains = db.getCollection("abci_chains");
        this.utxos = db.getCollection("utxos");
    }

    /** Connects and makes sure every collection and index BigchainDB 2.2.2 creates exists. */
    public static LedgerStore open(String uri, String database) {
        MongoClient client = MongoClients.create(uri);
        MongoDatabase db = client.getDatabase(database);
        LedgerStore store = new LedgerStore(client, db);
        try {
            store.createSchema(db);
            store.adoptBigchainDbDatabase();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return store;
    }

    private void createSchema(MongoDatabase db) {
        Set<String> existing = new HashSet<>();
        db.listCollectionNames().into(new ArrayList<>()).forEach(existing::add);
        for (String name : List.of(
                "transactions",
                "assets",
                "metadata",
                "blocks",
                "utxos",
                "pre_commit",
                "elections",
                "validators",
                "abci_chains")) {
            if (!existing.contains(name)) {
                db.createCollection(name);
            }
        }
        index(transactions, Indexes.ascending("id"), "transaction_id", true);
        index(transactions, Indexes.ascending("asset.id"), "asset_id", false);
        index(transactions, Indexes.ascending("outputs.public_keys"), "outputs", false);
        index(
                transactions,
                Indexes.ascending("inputs.fulfills.transaction_id", "inputs.fulfills.output_index"),
                "inputs",
                false);
        index(assets, Indexes.ascending("id"), "asset_id", true);
        index(metadata, Indexes.ascending("id"), "transaction_id", true);
        index(blocks, Indexes.descending("height"), "height", true);
        index(utxos, Indexes.ascending("transaction_id", "output_index"), "utxo", true);
        index(preCommit, Indexes.ascending("height"), "height", true);
        index(
                db.getCollection("elections"),
                Indexes.compoundIndex(Indexes.descending("height"), Indexes.ascending("election_id")),
                "election_id_height",
                true);
        index(validators, Indexes.ascending("height"), "height", true);
        index(abciChains, Indexes.ascending("height"), "height", true);
        index(abciChains, Indexes.ascending("chain_id"), "chain_id", true);
        textIndexes = textIndex(assets) & textIndex(metadata);
    }

    private static void index(MongoCollection<Document> collection, Bson keys, String name, boolean unique) {
        collection.createIndex(keys, new IndexOptions().name(name).unique(unique));
    }

    /**
     * BigchainDB's wildcard text index. A server without text indexes (FerretDB) gets none, and search
     * scans the collection with {@link TextSearch} instead.
     */
    private static boolean textIndex(MongoCollection<Document> collection) {
        try {
            collection.createIndex(Indexes.text("$**"), new IndexOptions().name("text"));
            return true;
        } catch (MongoCommandException e) {
            log.warn(
                    "{}: the database server has no text indexes ({}); search will scan",
                    collection.getNamespace(),
                    e.getErrorMessage());
            return false;
        }
    }

    /** A database BigchainDB wrote keys its documents by ObjectId and keeps no utxos: look up by field, build the utxos. */
    private void adoptBigchainDbDatabase() {
        Document first = transactions
                .find()
                .projection(Projections.include("_id"))
                .limit(1)
                .first();
        legacyIds = first != null && first.get("_id") instanceof org.bson.types.ObjectId;
        if (first != null && utxos.find().limit(1).first() == null) {
            log.warn(
                    "utxos is empty but transactions exist (a database written by BigchainDB 2.2.2); building the unspent outputs");
            rebuildUtxos();
        }
    }

    private void rebuildUtxos() {
        Set<OutputLink> spent = new HashSet<>();
        List<UnspentOutput> all = new ArrayList<>();
        for (Document d :
                transactions.find().projection(Projections.include("id", "operation", "asset", "inputs", "outputs"))) {
            ObjectNode tx = BsonJson.toJson(d);
            all.addAll(outputsOf(tx));
            spent.addAll(spentBy(tx));
        }
        List<UnspentOutput> unspent =
                all.stream().filter(u -> !spent.contains(u.link())).toList();
        insertIgnoringDuplicates(
                utxos, unspent.stream().map(LedgerStore::utxoDocument).toList());
        log.info("built {} unspent outputs from {} outputs", unspent.size(), all.size());
    }

    private Bson byTransactionId(String id) {
        return legacyIds ? Filters.eq("id", id) : Filters.eq("_id", id);
    }

    static String utxoKey(OutputLink link) {
        return link.transactionId() + ":" + link.outputIndex();
    }

    private static Document utxoDocument(UnspentOutput u) {
        return new Document("_id", utxoKey(u.link()))
                .append("transaction_id", u.transactionId())
                .append("output_index", u.outputIndex())
                .append("amount", u.amount())
                .append("asset_id", u.assetId())
                .append("condition_uri", u.conditionUri());
    }

    /** The outputs a transaction creates, as utxos rows. */
    public static List<UnspentOutput> outputsOf(ObjectNode tx) {
        String id = tx.path("id").asText();
        String assetId = "CREATE".equals(tx.path("operation").asText())
                ? id
                : tx.path("asset").path("id").asText();
        List<UnspentOutput> result = new ArrayList<>();
        JsonNode outputs = tx.path("outputs");
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode o = outputs.get(i);
            result.add(new UnspentOutput(
                    id,
                    i,
                    Long.parseLong(o.path("amount").asText("0")),
                    assetId,
                    o.path("condition").path("uri").asText()));
        }
        return result;
    }

    /** The outputs a transaction spends. */
    public static List<OutputLink> spentBy(ObjectNode tx) {
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

    // ---- blocks and chain records

    public Optional<BlockRecord> latestBlock() {
        return Optional.ofNullable(
                        blocks.find().sort(Sorts.descending("height")).limit(1).first())
                .map(LedgerStore::toBlock);
    }

    public Optional<BlockRecord> block(long height) {
        Bson filter = legacyIds ? Filters.eq("height", height) : Filters.eq("_id", height);
        return Optional.ofNullable(blocks.find(filter).first()).map(LedgerStore::toBlock);
    }

    public List<Long> heightsOfBlocksContaining(String transactionId) {
        List<Long> heights = new ArrayList<>();
        for (Document d :
                blocks.find(Filters.eq("transactions", transactionId)).projection(Projections.include("height"))) {
            heights.add(((Number) d.get("height")).longValue());
        }
        return heights;
    }

    /** Stores a block unless one of that height exists (a replayed Commit writes the same block again). */
    public void storeBlock(BlockRecord block) {
        Document doc = new Document("_id", block.height())
                .append("app_hash", block.appHash())
                .append("height", block.height())
                .append("transactions", block.transactions());
        try {
            blocks.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            log.warn("block {} was already stored", block.height());
        }
    }

    private static BlockRecord toBlock(Document d) {
        return new BlockRecord(
                ((Number) d.get("height")).longValue(),
                d.getString("app_hash"),
                d.getList("transactions", String.class));
    }

    public void storePreCommit(PreCommitRecord record) {
        preCommit.replaceOne(
                new Document(),
                new Document("height", record.height()).append("transactions", record.transactions()),
                new ReplaceOptions().upsert(true));
    }

    public Optional<PreCommitRecord> preCommit() {
        return Optional.ofNullable(preCommit.find().first())
                .map(d -> new PreCommitRecord(
                        ((Number) d.get("height")).longValue(), d.getList("transactions", String.class)));
    }

    public void storeValidatorSet(long height, List<ValidatorRecord> set) {
        List<Document> docs = new ArrayList<>();
        for (ValidatorRecord v : set) {
            docs.add(new Document(
                            "public_key", new Document("type", "ed25519-base64").append("value", v.publicKeyBase64()))
                    .append("voting_power", v.votingPower()));
        }
        validators.replaceOne(
                Filters.eq("height", height),
                new Document("height", height).append("validators", docs),
                new ReplaceOptions().upsert(true));
    }

    /** The validator set in force at the latest recorded height. */
    public List<ValidatorRecord> latestValidators() {
        Document d = validators.find().sort(Sorts.descending("height")).limit(1).first();
        List<ValidatorRecord> result = new ArrayList<>();
        if (d != null) {
            for (Document v : d.getList("validators", Document.class)) {
                Document key = v.get("public_key", Document.class);
                result.add(new ValidatorRecord(key.getString("value"), ((Number) v.get("voting_power")).longValue()));
            }
        }
        return result;
    }

    public void storeAbciChain(AbciChainRecord chain) {
        abciChains.replaceOne(
                Filters.eq("height", chain.height()),
                new Document("height", chain.height())
                        .append("chain_id", chain.chainId())
                        .append("is_synced", chain.synced()),
                new ReplaceOptions().upsert(true));
    }

    public Optional<AbciChainRecord> latestAbciChain() {
        return Optional.ofNullable(abciChains
                        .find()
                        .sort(Sorts.descending("height"))
                        .limit(1)
                        .first())
                .map(d -> new AbciChainRecord(
                        ((Number) d.get("height")).longValue(), d.getString("chain_id"), d.getBoolean("is_synced")));
    }

    // ---- transactions

    public boolean isCommitted(String transactionId) {
        return transactions
                        .find(byTransactionId(transactionId))
                        .projection(Projections.include("_id"))
                        .first()
                != null;
    }

    /**
     * The stored transaction document (asset and metadata not joined back), for validation that only
     * needs its id, operation, asset id and outputs.
     */
    public Optional<ObjectNode> storedTransaction(String transactionId) {
        return Optional.ofNullable(transactions
                        .find(byTransactionId(transactionId))
                        .projection(Projections.excludeId())
                        .first())
                .map(BsonJson::toJson);
    }

    /** The whole transaction as it was sent: the stored document with its asset and metadata joined back. */
    public Optional<ObjectNode> transaction(String transactionId) {
        return storedTransaction(transactionId).map(this::joinAssetAndMetadata);
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
            Document asset = assets.find(byTransactionId(id))
                    .projection(Projections.exclude("_id", "id"))
                    .first();
            if (asset != null) {
                tx.set("asset", BsonJson.toJson(asset));
            }
        }
        if (!tx.has("metadata")) {
            Document meta = metadata.find(byTransactionId(id)).first();
            tx.set("metadata", meta == null ? null : BsonJson.toJsonValue(meta.get("metadata")));
        }
        return tx;
    }

    /** Whether a committed output is still unspent (its utxos row exists). */
    public boolean isUnspent(OutputLink output) {
        return utxos.find(Filters.eq("_id", utxoKey(output)))
                        .projection(Projections.include("_id"))
                        .first()
                != null;
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
            return storedTransaction(assetId)
                    .filter(tx -> "CREATE".equals(tx.path("operation").asText()))
                    .map(tx -> List.of(joinAssetAndMetadata(tx)))
                    .orElse(List.of());
        }
        Bson match = operation == null
                ? Filters.or(byTransactionId(assetId), Filters.eq("asset.id", assetId))
                : Filters.and(Filters.eq("operation", "TRANSFER"), Filters.eq("asset.id", assetId));
        List<Document> found = new ArrayList<>();
        for (Document d : transactions.find(match).projection(Projections.excludeId())) {
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
        for (Document d : transactions
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
    public Set<OutputLink> spentAmong(List<OutputLink> outputs) {
        Set<OutputLink> spent = new HashSet<>();
        for (OutputLink o : outputs) {
            if (!isUnspent(o)) {
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

    /** GET /assets?search=: BigchainDB's text search over asset data, best matches first. */
    public List<ObjectNode> searchAssets(String search, int limit) {
        return textSearch(assets, search, limit);
    }

    /** GET /metadata?search=: the same over metadata. */
    public List<ObjectNode> searchMetadata(String search, int limit) {
        return textSearch(metadata, search, limit);
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

    /**
     * Writes a block's transactions as BigchainDB does: the asset of a CREATE and every metadata go
     * to their own collections; the transaction document keeps the rest. Rows that already exist
     * (a replay after a crash) are left as they are.
     */
    public void storeTransactions(List<ObjectNode> block) {
        if (block.isEmpty()) {
            return;
        }
        List<Document> txDocs = new ArrayList<>(block.size());
        List<Document> assetDocs = new ArrayList<>();
        List<Document> metadataDocs = new ArrayList<>(block.size());
        for (ObjectNode original : block) {
            ObjectNode tx = original.deepCopy();
            String id = tx.path("id").asText();
            if ("CREATE".equals(tx.path("operation").asText())) {
                JsonNode asset = tx.remove("asset");
                Document assetDoc = new Document("_id", id);
                if (asset instanceof ObjectNode o) {
                    assetDoc.putAll(BsonJson.toDocument(o));
                }
                assetDoc.put("id", id);
                assetDocs.add(assetDoc);
            }
            JsonNode meta = tx.remove("metadata");
            metadataDocs.add(new Document("_id", id)
                    .append("id", id)
                    .append("metadata", meta == null ? null : BsonJson.toBsonValue(meta)));
            Document txDoc = new Document("_id", id);
            txDoc.putAll(BsonJson.toDocument(tx));
            txDocs.add(txDoc);
        }
        insertIgnoringDuplicates(metadata, metadataDocs);
        insertIgnoringDuplicates(assets, assetDocs);
        insertIgnoringDuplicates(transactions, txDocs);
    }

    /**
     * Moves the UTXO set past a committed block: the outputs its transactions create become
     * unspent, those they spend are removed. Written after the transactions and before the block.
     */
    public void applyToUtxos(List<ObjectNode> block) {
        List<Document> created = new ArrayList<>();
        List<String> spent = new ArrayList<>();
        for (ObjectNode tx : block) {
            outputsOf(tx).forEach(u -> created.add(utxoDocument(u)));
            spentBy(tx).forEach(o -> spent.add(utxoKey(o)));
        }
        insertIgnoringDuplicates(utxos, created);
        if (!spent.isEmpty()) {
            // One round trip; each delete is still by _id, which every server answers from its key.
            utxos.bulkWrite(
                    spent.stream()
                            .map(key -> new DeleteOneModel<Document>(Filters.eq("_id", key)))
                            .toList(),
                    new BulkWriteOptions().ordered(false));
        }
    }

    /** Undoes {@link #applyToUtxos} for stored transactions of an interrupted block (BEP-8 rollback). */
    public void revertUtxos(List<String> transactionIds) {
        for (String id : transactionIds) {
            Optional<ObjectNode> tx = storedTransaction(id);
            if (tx.isEmpty()) {
                continue;
            }
            for (UnspentOutput u : outputsOf(tx.get())) {
                utxos.deleteOne(Filters.eq("_id", utxoKey(u.link())));
            }
            for (OutputLink o : spentBy(tx.get())) {
                Optional<ObjectNode> source = storedTransaction(o.transactionId());
                if (source.isPresent()
                        && o.outputIndex() < source.get().path("outputs").size()) {
                    insertIgnoringDuplicates(
                            utxos, List.of(utxoDocument(outputsOf(source.get()).get(o.outputIndex()))));
                }
            }
        }
    }

    private static void insertIgnoringDuplicates(MongoCollection<Document> collection, List<Document> docs) {
        if (docs.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            log.warn(
                    "{}: {} rows were already stored",
                    collection.getNamespace().getCollectionName(),
                    e.getWriteErrors().size());
        }
    }

    /** Removes transactions written by an interrupted Commit (BEP-8 rollback). */
    public void deleteTransactions(List<String> transactionIds) {
        if (transactionIds.isEmpty()) {
            return;
        }
        // Transactions go last: until then a rerun of an interrupted rollback can still read them.
        for (MongoCollection<Document> collection : List.of(assets, metadata, transactions)) {
            for (String id : transactionIds) {
                collection.deleteOne(byTransactionId(id));
            }
        }
    }

    public long countTransactions() {
        return transactions.countDocuments();
    }

    @Override
    public void close() {
        client.close();
    }
}
