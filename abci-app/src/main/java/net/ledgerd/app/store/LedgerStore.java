package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.ledgerd.tx.crypto.Base58;
import net.ledgerd.tx.ledger.LedgerOutput;
import net.ledgerd.tx.ledger.LedgerView;
import net.ledgerd.tx.ledger.OutputLink;
import net.ledgerd.tx.model.Operation;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's MongoDB in BigchainDB 2.2.2's layout, as consensus uses it: the lookups validation
 * makes (the committed {@link LedgerView}) and the writes of InitChain, EndBlock and Commit, each
 * by {@code _id}, which every MongoDB-protocol server answers from its primary key (FerretDB's
 * SQLite backend answers nothing else without a scan). Transactions, assets and metadata take the
 * transaction id as {@code _id}, blocks their height, and the {@code utxos} collection (which
 * BigchainDB 2.2.2 defines but leaves empty) holds the unspent outputs keyed {@code txid:index},
 * each with everything validation needs of it. The HTTP API and ABCI queries read through {@link
 * #readModel()}; {@link Schema} creates the collections and adopts a database BigchainDB wrote.
 */
public final class LedgerStore implements LedgerView, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerStore.class);
    /** The history writer's documents kept in memory (of the app's 1 GB heap). */
    private static final long HISTORY_CACHE_BYTES = 64L << 20;

    private final MongoClient client;
    private final LedgerCollections c;
    private final ReadModel readModel;
    private final HistoryFeed historyFeed;
    private final HistoryReader historyReader;
    private final RecentOutputs recentOutputs = new RecentOutputs(100_000);
    /** Generous: a Commit of thousands of transactions on a loaded machine took 25 s. */
    private final ConcurrentWrites writes = new ConcurrentWrites(2, 120_000);

    private volatile CommittedIds committedIds;

    private LedgerStore(MongoClient client, Schema.Opened opened, Duration historyPassInterval) {
        this.client = client;
        this.c = opened.collections();
        this.readModel = new ReadModel(c, opened.textIndexes());
        HistoryWriter historyWriter = new HistoryWriter(c.history, HISTORY_CACHE_BYTES);
        historyWriter.adoptCompleteMarker(latestBlock().map(BlockRecord::height).orElse(-1L));
        this.historyFeed =
                new HistoryFeed(historyWriter, this::storedBlocksAbove, this::historyOfStored, historyPassInterval);
        this.historyReader = new HistoryReader(c.history, c);
        this.committedIds = loadCommittedIds();
    }

    /** Reads every committed id into a filter sized for twice as many (see {@link CommittedIds}). */
    private CommittedIds loadCommittedIds() {
        long started = System.nanoTime();
        CommittedIds ids = new CommittedIds(Math.max(1_000_000, 2 * c.transactions.estimatedDocumentCount()));
        String key = c.legacyIds ? "id" : "_id";
        long n = 0;
        for (Document d : c.transactions.find().projection(Projections.include(key))) {
            ids.add(String.valueOf(d.get(key)));
            n++;
        }
        log.info("read {} committed transaction ids in {} ms", n, (System.nanoTime() - started) / 1_000_000);
        return ids;
    }

    /**
     * Connects, creates what BigchainDB 2.2.2 creates if missing, adopts a BigchainDB database, and
     * starts the history writer (which first catches up with the stored blocks).
     */
    public static LedgerStore open(String uri, String database, Duration historyPassInterval) {
        LedgerStore store = connect(uri, database, historyPassInterval);
        store.historyFeed.start();
        return store;
    }

    /** As {@link #open}, with the history passes {@link HistoryFeed#DEFAULT_PASS_INTERVAL} apart. */
    public static LedgerStore open(String uri, String database) {
        return open(uri, database, HistoryFeed.DEFAULT_PASS_INTERVAL);
    }

    /** As {@link #open}, with the history writer not started: blocks stay queued (for tests). */
    static LedgerStore openWithoutHistoryWriter(String uri, String database) {
        return connect(uri, database, HistoryFeed.DEFAULT_PASS_INTERVAL);
    }

    /** Connects and prepares the database; the history writer is left for the caller to start. */
    private static LedgerStore connect(String uri, String database, Duration historyPassInterval) {
        MongoClient client = MongoClients.create(uri);
        try {
            return new LedgerStore(client, Schema.prepare(client.getDatabase(database)), historyPassInterval);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The read models of the HTTP API and the ABCI queries. */
    public ReadModel readModel() {
        return readModel;
    }

    /** The paged history, readings series and unspent-by-owner reads (see {@link HistoryWriter}). */
    public HistoryReader history() {
        return historyReader;
    }

    /** The writer of the history documents, behind Commit. */
    public HistoryFeed historyFeed() {
        return historyFeed;
    }

    /** The stored blocks above a height, in height order (the history writer's catch-up). */
    private List<BlockRecord> storedBlocksAbove(long height) {
        List<BlockRecord> blocks = new ArrayList<>();
        for (Document d : c.blocks.find(Filters.gt("height", height))) {
            blocks.add(toBlock(d));
        }
        blocks.sort(Comparator.comparingLong(BlockRecord::height));
        return blocks;
    }

    private HistoryBlock historyOfStored(BlockRecord block) {
        return historyOf(block.height(), readModel.transactions(block.transactions()));
    }

    /**
     * The server's own plan for one history lookup ({@code explain} of a find by {@code _id}):
     * FerretDB reports whether the filter was pushed down to SQLite and SQLite's query plan.
     */
    public Document explainHistoryLookup(String id) {
        return client.getDatabase(c.history.getNamespace().getDatabaseName())
                .runCommand(new Document(
                        "explain",
                        new Document("find", c.history.getNamespace().getCollectionName())
                                .append("filter", new Document("_id", id))));
    }

    // ---- blocks and chain records

    public Optional<BlockRecord> latestBlock() {
        return Optional.ofNullable(c.blocks
                        .find()
                        .sort(Sorts.descending("height"))
                        .limit(1)
                        .first())
                .map(LedgerStore::toBlock);
    }

    public Optional<BlockRecord> block(long height) {
        Bson filter = c.legacyIds ? Filters.eq("height", height) : Filters.eq("_id", height);
        return Optional.ofNullable(c.blocks.find(filter).first()).map(LedgerStore::toBlock);
    }

    /** Stores a block unless one of that height exists (a replayed Commit writes the same block again). */
    public void storeBlock(BlockRecord block) {
        Document doc = new Document("_id", block.height())
                .append("app_hash", block.appHash())
                .append("height", block.height())
                .append("transactions", block.transactions());
        try {
            c.blocks.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            log.warn("block {} was already stored", block.height());
        }
    }

    static BlockRecord toBlock(Document d) {
        return new BlockRecord(
                ((Number) d.get("height")).longValue(),
                d.getString("app_hash"),
                d.getList("transactions", String.class));
    }

    public void storePreCommit(PreCommitRecord record) {
        c.preCommit.replaceOne(
                new Document(),
                new Document("height", record.height()).append("transactions", record.transactions()),
                new ReplaceOptions().upsert(true));
    }

    public Optional<PreCommitRecord> preCommit() {
        return Optional.ofNullable(c.preCommit.find().first())
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
        c.validators.replaceOne(
                Filters.eq("height", height),
                new Document("height", height).append("validators", docs),
                new ReplaceOptions().upsert(true));
    }

    /** The validator set in force at the latest recorded height. */
    public List<ValidatorRecord> latestValidators() {
        return validatorChange(null).map(ValidatorChange::validators).orElse(List.of());
    }

    /**
     * The {@code validators} row of the greatest height, up to {@code maxHeight} when given
     * (2.2.2's {@code get_validator_change}).
     */
    public Optional<ValidatorChange> validatorChange(Long maxHeight) {
        Bson filter = maxHeight == null ? new Document() : Filters.lte("height", maxHeight);
        Document d = c.validators
                .find(filter)
                .sort(Sorts.descending("height"))
                .limit(1)
                .first();
        if (d == null) {
            return Optional.empty();
        }
        List<ValidatorRecord> set = new ArrayList<>();
        for (Document v : d.getList("validators", Document.class)) {
            Document key = v.get("public_key", Document.class);
            set.add(new ValidatorRecord(key.getString("value"), ((Number) v.get("voting_power")).longValue()));
        }
        return Optional.of(new ValidatorChange(((Number) d.get("height")).longValue(), set));
    }

    public void deleteValidatorSet(long height) {
        c.validators.deleteMany(Filters.eq("height", height));
    }

    // ---- elections (2.2.2's elections collection: {election_id, height, is_concluded})

    /** Records elections started in a block (2.2.2's {@code store_elections}, an insert_many). */
    public void storeElections(List<ElectionRecord> elections) {
        if (elections.isEmpty()) {
            return;
        }
        c.elections.insertMany(
                elections.stream().map(LedgerStore::electionDocument).toList());
    }

    /** Upserts the row of this election at this height (2.2.2's {@code store_election}). */
    public void storeElection(ElectionRecord election) {
        c.elections.replaceOne(
                Filters.and(Filters.eq("election_id", election.electionId()), Filters.eq("height", election.height())),
                electionDocument(election),
                new ReplaceOptions().upsert(true));
    }

    private static Document electionDocument(ElectionRecord e) {
        return new Document("election_id", e.electionId())
                .append("height", e.height())
                .append("is_concluded", e.concluded());
    }

    /** The election's row of the greatest height (its conclusion if it concluded). */
    public Optional<ElectionRecord> election(String electionId) {
        return Optional.ofNullable(c.elections
                        .find(Filters.eq("election_id", electionId))
                        .sort(Sorts.descending("height"))
                        .limit(1)
                        .first())
                .map(d -> new ElectionRecord(
                        d.getString("election_id"),
                        ((Number) d.get("height")).longValue(),
                        d.getBoolean("is_concluded")));
    }

    public void deleteElections(long height) {
        c.elections.deleteMany(Filters.eq("height", height));
    }

    /**
     * Committed transactions of asset {@code assetId} with an output locked to exactly {@code
     * publicKey} (2.2.2's {@code get_asset_tokens_for_public_key}), as stored (asset and metadata
     * not joined).
     */
    public List<ObjectNode> assetTokensFor(String assetId, String publicKey) {
        List<ObjectNode> result = new ArrayList<>();
        Bson match =
                Filters.and(Filters.eq("asset.id", assetId), Filters.eq("outputs.public_keys", List.of(publicKey)));
        for (Document d : c.transactions.find(match).projection(Projections.excludeId())) {
            result.add(BsonJson.toJson(d));
        }
        return result;
    }

    /**
     * The latest validator set as election rules see it ({@code Election.get_validators}): base58
     * public key to voting power, in stored order.
     */
    @Override
    public Map<String, Long> validators() {
        Map<String, Long> result = new LinkedHashMap<>();
        for (ValidatorRecord v : latestValidators()) {
            result.put(Base58.encode(Base64.getDecoder().decode(v.publicKeyBase64())), v.votingPower());
        }
        return result;
    }

    public void storeAbciChain(AbciChainRecord chain) {
        c.abciChains.replaceOne(
                Filters.eq("height", chain.height()),
                new Document("height", chain.height())
                        .append("chain_id", chain.chainId())
                        .append("is_synced", chain.synced()),
                new ReplaceOptions().upsert(true));
    }

    public void deleteAbciChain(long height) {
        c.abciChains.deleteMany(Filters.eq("height", height));
    }

    public Optional<AbciChainRecord> latestAbciChain() {
        return Optional.ofNullable(c.abciChains
                        .find()
                        .sort(Sorts.descending("height"))
                        .limit(1)
                        .first())
                .map(d -> new AbciChainRecord(
                        ((Number) d.get("height")).longValue(), d.getString("chain_id"), d.getBoolean("is_synced")));
    }

    // ---- the committed view

    public boolean isCommitted(String transactionId) {
        return c.transactions
                        .find(c.byTransactionId(transactionId))
                        .projection(Projections.include("_id"))
                        .first()
                != null;
    }

    /** Whether a committed output is still unspent (its utxos row exists). */
    public boolean isUnspent(OutputLink output) {
        return c.utxos
                        .find(Filters.eq("_id", output.key()))
                        .projection(Projections.include("_id"))
                        .first()
                != null;
    }

    /** Asks the database only when the filter of committed ids cannot say no. */
    @Override
    public boolean contains(String transactionId) {
        return committedIds.mightContain(transactionId) && isCommitted(transactionId);
    }

    /** An output a recent block created is answered from memory, any other by one lookup. */
    @Override
    public Optional<LedgerOutput> unspent(OutputLink output) {
        Optional<LedgerOutput> recent = recentOutputs.get(output);
        if (recent.isPresent()) {
            return recent;
        }
        return Optional.ofNullable(c.utxos.find(Filters.eq("_id", output.key())).first())
                .map(UtxoRows::fromUtxoDocument);
    }

    @Override
    public OptionalInt outputCount(String transactionId) {
        Document d = c.transactions
                .find(c.byTransactionId(transactionId))
                .projection(Projections.include("outputs"))
                .first();
        return d == null
                ? OptionalInt.empty()
                : OptionalInt.of(d.getList("outputs", Document.class).size());
    }

    // ---- Commit and its rollback (BEP-8)

    /**
     * Writes a block's transactions as BigchainDB does: the asset of a CREATE or an election and every metadata go
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
            // 2.2.2 moves the asset of a CREATE and of an election (its CREATE), never of a VOTE
            Operation op = Operation.of(tx.path("operation").asText());
            if (op != null && op.createLike()) {
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
        writes.all(
                () -> LedgerCollections.insertIgnoringDuplicates(c.metadata, metadataDocs),
                () -> LedgerCollections.insertIgnoringDuplicates(c.assets, assetDocs));
        // The transactions after their assets and metadata: a reader that finds one finds them joined. Before the
        // utxos: the rollback of an interrupted Commit reads them to know which rows to undo.
        LedgerCollections.insertIgnoringDuplicates(c.transactions, txDocs);
        CommittedIds ids = committedIds;
        for (ObjectNode tx : block) {
            ids.add(tx.path("id").asText());
        }
        if (ids.full()) {
            committedIds = loadCommittedIds();
        }
    }

    /**
     * A block as the history writer needs it. Called after {@link #storeTransactions} and before
     * {@link #applyToUtxos}, which removes the rows of the outputs the block spends: their condition
     * details are resolved now, mostly from memory.
     */
    public HistoryBlock historyOf(long height, List<ObjectNode> block) {
        Set<String> inBlock = new HashSet<>();
        block.forEach(tx -> inBlock.add(tx.path("id").asText()));
        Map<String, JsonNode> spent = new HashMap<>();
        for (ObjectNode tx : block) {
            for (OutputLink o : UtxoRows.spentBy(tx)) {
                if (!inBlock.contains(o.transactionId())) {
                    conditionDetails(o).ifPresent(d -> spent.put(o.key(), d));
                }
            }
        }
        return new HistoryBlock(height, block, spent);
    }

    /** Hands a block to the history writer; called once the block is stored. */
    public void followHistory(HistoryBlock block) {
        historyFeed.follow(block);
    }

    private Optional<JsonNode> conditionDetails(OutputLink output) {
        Optional<LedgerOutput> row = unspent(output);
        if (row.isPresent()) {
            return Optional.of(row.get().conditionDetails());
        }
        return c.storedTransaction(output.transactionId())
                .map(tx -> tx.path("outputs")
                        .path(output.outputIndex())
                        .path("condition")
                        .path("details"))
                .filter(d -> !d.isMissingNode());
    }

    /**
     * Moves the UTXO set past a committed block: the outputs its transactions create become
     * unspent, those they spend are removed. Written after the transactions and before the block.
     */
    public void applyToUtxos(List<ObjectNode> block) {
        Map<OutputLink, LedgerOutput> created = new LinkedHashMap<>();
        List<OutputLink> spent = new ArrayList<>();
        for (ObjectNode tx : block) {
            UtxoRows.outputsOf(tx).forEach(u -> created.put(u.link(), u));
            for (OutputLink o : UtxoRows.spentBy(tx)) {
                // An output made and spent within the block is never written.
                if (created.remove(o) == null) {
                    spent.add(o);
                }
            }
        }
        List<Document> createdRows =
                created.values().stream().map(UtxoRows::utxoDocument).toList();
        // Rows made and rows removed are distinct (an output made and spent in the block is neither), so the two
        // writes go together; each delete is by _id, which every server answers from its key.
        writes.all(() -> LedgerCollections.insertIgnoringDuplicates(c.utxos, createdRows), () -> {
            LedgerCollections.bulkWrite(
                    c.utxos,
                    spent.stream()
                            .map(o -> new DeleteOneModel<Document>(Filters.eq("_id", o.key())))
                            .toList());
        });
        created.values().forEach(recentOutputs::created);
        spent.forEach(recentOutputs::spent);
    }

    /** Undoes {@link #applyToUtxos} for stored transactions of an interrupted block (BEP-8 rollback). */
    public void revertUtxos(List<String> transactionIds) {
        Set<String> reverted = new HashSet<>(transactionIds);
        for (String id : transactionIds) {
            Optional<ObjectNode> tx = c.storedTransaction(id);
            if (tx.isEmpty()) {
                continue;
            }
            for (LedgerOutput u : UtxoRows.outputsOf(tx.get())) {
                c.utxos.deleteOne(Filters.eq("_id", u.link().key()));
                recentOutputs.spent(u.link());
            }
            for (OutputLink o : UtxoRows.spentBy(tx.get())) {
                if (reverted.contains(o.transactionId())) {
                    continue; // made in the same block: it is removed too
                }
                Optional<ObjectNode> source = c.storedTransaction(o.transactionId());
                if (source.isPresent()
                        && o.outputIndex() < source.get().path("outputs").size()) {
                    LedgerCollections.insertIgnoringDuplicates(
                            c.utxos,
                            List.of(UtxoRows.utxoDocument(
                                    UtxoRows.outputsOf(source.get()).get(o.outputIndex()))));
                }
            }
        }
    }

    /** Removes transactions written by an interrupted Commit (BEP-8 rollback). */
    public void deleteTransactions(List<String> transactionIds) {
        if (transactionIds.isEmpty()) {
            return;
        }
        // Transactions go last: until then a rerun of an interrupted rollback can still read them.
        for (MongoCollection<Document> collection : List.of(c.assets, c.metadata, c.transactions)) {
            LedgerCollections.bulkWrite(
                    collection,
                    transactionIds.stream()
                            .map(id -> new DeleteOneModel<Document>(c.byTransactionId(id)))
                            .toList());
        }
    }

    public long countTransactions() {
        return c.transactions.countDocuments();
    }

    @Override
    public void close() {
        historyFeed.close();
        writes.close();
        client.close();
    }
}
