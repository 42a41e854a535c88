package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.ledgerd.tx.ledger.LedgerOutput;
import net.ledgerd.tx.ledger.OutputLink;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema creation and adoption, run once when the store opens: every collection and index
 * BigchainDB 2.2.2 creates, and a database BigchainDB wrote (ObjectId {@code _id}s, empty {@code
 * utxos}) recognised and made ready (its utxos built once).
 */
final class Schema {
    private static final Logger log = LoggerFactory.getLogger(Schema.class);

    /** What the store needs to know of the database it opened. */
    record Opened(LedgerCollections collections, boolean textIndexes) {}

    private Schema() {}

    static Opened prepare(MongoDatabase db) {
        boolean textIndexes = createSchema(db);
        LedgerCollections collections = new LedgerCollections(db, writtenByBigchainDb(db));
        if (collections.transactions.find().limit(1).first() != null
                && collections.utxos.find().limit(1).first() == null) {
            log.warn(
                    "utxos is empty but transactions exist (a database written by BigchainDB 2.2.2); building the unspent outputs");
            rebuildUtxos(collections);
        }
        return new Opened(collections, textIndexes);
    }

    /** Creates what is missing; true if the server has text indexes. */
    private static boolean createSchema(MongoDatabase db) {
        MongoCollection<Document> transactions = db.getCollection("transactions");
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
        index(db.getCollection("assets"), Indexes.ascending("id"), "asset_id", true);
        index(db.getCollection("metadata"), Indexes.ascending("id"), "transaction_id", true);
        index(db.getCollection("blocks"), Indexes.descending("height"), "height", true);
        index(db.getCollection("utxos"), Indexes.ascending("transaction_id", "output_index"), "utxo", true);
        index(db.getCollection("pre_commit"), Indexes.ascending("height"), "height", true);
        index(
                db.getCollection("elections"),
                Indexes.compoundIndex(Indexes.descending("height"), Indexes.ascending("election_id")),
                "election_id_height",
                true);
        index(db.getCollection("validators"), Indexes.ascending("height"), "height", true);
        index(db.getCollection("abci_chains"), Indexes.ascending("height"), "height", true);
        index(db.getCollection("abci_chains"), Indexes.ascending("chain_id"), "chain_id", true);
        return textIndex(db.getCollection("assets")) & textIndex(db.getCollection("metadata"));
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

    /** A database BigchainDB wrote keys its transactions by ObjectId: they are then looked up by field. */
    private static boolean writtenByBigchainDb(MongoDatabase db) {
        Document first = db.getCollection("transactions")
                .find()
                .projection(Projections.include("_id"))
                .limit(1)
                .first();
        return first != null && first.get("_id") instanceof org.bson.types.ObjectId;
    }

    private static void rebuildUtxos(LedgerCollections c) {
        Set<OutputLink> spent = new HashSet<>();
        List<LedgerOutput> all = new ArrayList<>();
        for (Document d : c.transactions
                .find()
                .projection(Projections.include("id", "operation", "asset", "inputs", "outputs"))) {
            ObjectNode tx = BsonJson.toJson(d);
            all.addAll(UtxoRows.outputsOf(tx));
            spent.addAll(UtxoRows.spentBy(tx));
        }
        List<LedgerOutput> unspent =
                all.stream().filter(u -> !spent.contains(u.link())).toList();
        LedgerCollections.insertIgnoringDuplicates(
                c.utxos, unspent.stream().map(UtxoRows::utxoDocument).toList());
        log.info("built {} unspent outputs from {} outputs", unspent.size(), all.size());
    }
}
