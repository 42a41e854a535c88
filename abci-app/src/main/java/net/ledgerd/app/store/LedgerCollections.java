package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collections of BigchainDB 2.2.2's layout, and how a transaction is found in them: by {@code
 * _id} (our own writes), or by its {@code id} field in a database BigchainDB wrote (ObjectId
 * {@code _id}s, see {@link Schema}).
 */
final class LedgerCollections {
    private static final Logger log = LoggerFactory.getLogger(LedgerCollections.class);

    final MongoCollection<Document> transactions;
    final MongoCollection<Document> assets;
    final MongoCollection<Document> metadata;
    final MongoCollection<Document> blocks;
    final MongoCollection<Document> preCommit;
    final MongoCollection<Document> validators;
    final MongoCollection<Document> abciChains;
    final MongoCollection<Document> utxos;
    final MongoCollection<Document> elections;
    /** ledgerd's own: the history documents of {@link HistoryWriter}. */
    final MongoCollection<Document> history;

    final boolean legacyIds;

    LedgerCollections(MongoDatabase db, boolean legacyIds) {
        this.transactions = db.getCollection("transactions");
        this.assets = db.getCollection("assets");
        this.metadata = db.getCollection("metadata");
        this.blocks = db.getCollection("blocks");
        this.preCommit = db.getCollection("pre_commit");
        this.validators = db.getCollection("validators");
        this.abciChains = db.getCollection("abci_chains");
        this.utxos = db.getCollection("utxos");
        this.elections = db.getCollection("elections");
        this.history = db.getCollection("ledgerd_history");
        this.legacyIds = legacyIds;
    }

    Bson byTransactionId(String id) {
        return legacyIds ? Filters.eq("id", id) : Filters.eq("_id", id);
    }

    /**
     * The stored transaction document (asset and metadata not joined back), for validation that only
     * needs its id, operation, asset id and outputs.
     */
    Optional<ObjectNode> storedTransaction(String transactionId) {
        return Optional.ofNullable(transactions
                        .find(byTransactionId(transactionId))
                        .projection(Projections.excludeId())
                        .first())
                .map(BsonJson::toJson);
    }

    /**
     * The most writes one bulk command carries. FerretDB's SQLite backend holds one pooled connection
     * (of 100) per update or delete statement until the whole command ends: a bulk of about 100
     * replaces of existing documents waits for a connection forever and halts the writer. Chunks of
     * this size stay far below that pool.
     */
    static final int WRITES_PER_COMMAND = 32;

    /**
     * Every bulk update, replace and delete of the store goes through here: unordered, in commands
     * of at most {@value #WRITES_PER_COMMAND} writes.
     */
    static <T> void bulkWrite(MongoCollection<T> collection, List<? extends WriteModel<T>> writes) {
        for (int from = 0; from < writes.size(); from += WRITES_PER_COMMAND) {
            collection.bulkWrite(
                    writes.subList(from, Math.min(writes.size(), from + WRITES_PER_COMMAND)),
                    new BulkWriteOptions().ordered(false));
        }
    }

    /** The most documents one insert command of {@link #insertOrReplace} carries. */
    static final int INSERTS_PER_COMMAND = 100;

    /**
     * Inserts documents the caller believes new, in ordered commands of at most {@value
     * #INSERTS_PER_COMMAND}. One the collection holds after all (a pass redone after a failure, whose
     * inserts the caller did not see land) is replaced whole instead, and the inserts go on after it:
     * the result is that of replacing every document whole.
     */
    static <T extends Map<String, ?>> void insertOrReplace(MongoCollection<T> collection, List<T> docs) {
        int replaced = 0;
        int from = 0;
        while (from < docs.size()) {
            List<T> chunk = docs.subList(from, Math.min(docs.size(), from + INSERTS_PER_COMMAND));
            try {
                collection.insertMany(chunk, new InsertManyOptions().ordered(true));
                from += chunk.size();
            } catch (MongoBulkWriteException e) {
                // Ordered: the command stopped at its first error; what precedes it is stored.
                BulkWriteError first = e.getWriteErrors().get(0);
                if (ErrorCategory.fromErrorCode(first.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                T stored = chunk.get(first.getIndex());
                collection.replaceOne(Filters.eq("_id", stored.get("_id")), stored, new ReplaceOptions().upsert(true));
                replaced++;
                from += first.getIndex() + 1;
            }
        }
        if (replaced > 0) {
            log.info(
                    "{}: {} of {} documents to insert were stored already; replaced them",
                    collection.getNamespace().getCollectionName(),
                    replaced,
                    docs.size());
        }
    }

    static void insertIgnoringDuplicates(MongoCollection<Document> collection, List<Document> docs) {
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
}
