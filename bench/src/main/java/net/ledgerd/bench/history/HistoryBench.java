package net.ledgerd.bench.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.app.store.HistoryBlock;
import net.ledgerd.app.store.HistoryReader;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.testkit.MongoServer;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "History query benchmark: paged history, readings series and unspent outputs at ledger scale.",
        description = {
            "Builds a ledger straight through the store, as Commit writes it (transactions, history",
            "documents, utxos, block, in blocks of --block-size): one asset with --asset-transfers",
            "TRANSFERs carrying --readings readings each (one a second), and other assets of ten",
            "transactions each up to --transactions in all, one owner holding a tenth of their outputs.",
            "Then times, in this process through the store's reader, --samples calls of each: the newest",
            "history page of 100, an older page at a random cursor, a random readings range downsampled",
            "to at most 2,000 points, a page of 100 of that owner's unspent outputs; prints p50/p99/max",
            "and the server's explain of the lookups. Starts FerretDB (or mongod) unless --mongodb-uri."
        })
public final class HistoryBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    @Option(names = "--transactions", defaultValue = "1000000", description = "Ledger size (default ${DEFAULT-VALUE}).")
    int transactions;

    @Option(
            names = "--asset-transfers",
            defaultValue = "100000",
            description = "TRANSFERs of the measured asset (default ${DEFAULT-VALUE}).")
    int assetTransfers;

    @Option(
            names = "--readings",
            defaultValue = "10",
            description = "Readings per TRANSFER (default ${DEFAULT-VALUE}).")
    int readingsPerTransfer;

    @Option(
            names = "--block-size",
            defaultValue = "1000",
            description = "Transactions per block (default ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(
            names = "--samples",
            defaultValue = "300",
            description = "Timed calls of each query (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--short", description = "CI's short form: 20,000 transactions, 2,000 of the measured asset.")
    boolean shortForm;

    @Option(
            names = "--mongodb-uri",
            description = "Use this server (and a new database in it) instead of starting one.")
    String mongodbUri;

    @Option(
            names = "--database",
            defaultValue = "history_bench",
            description = "Database name (default ${DEFAULT-VALUE}); an existing one of the same size is reused.")
    String database;

    @Option(
            names = "--phase",
            defaultValue = "both",
            description =
                    "build, measure or both (default ${DEFAULT-VALUE}); network/bin/bench-history builds under nice and measures without.")
    String phase;

    private final Random random = new Random(2026);
    private long nextId;

    @Override
    public Integer call() {
        if (shortForm) {
            transactions = 20_000;
            assetTransfers = 2_000;
        }
        if (assetTransfers >= transactions || blockSize < 20) {
            System.err.println(
                    "history bench: --asset-transfers must be below --transactions, --block-size at least 20");
            return 2;
        }
        if (!List.of("build", "measure", "both").contains(phase)) {
            System.err.println("history bench: --phase must be build, measure or both");
            return 2;
        }
        if (!phase.equals("both") && mongodbUri == null) {
            System.err.println(
                    "history bench: --phase " + phase + " needs --mongodb-uri (a server that outlives this run)");
            return 2;
        }
        MongoServer server = mongodbUri == null ? MongoServer.start() : null;
        String uri = server == null ? mongodbUri : server.uri();
        try (LedgerStore store = LedgerStore.open(uri, database)) {
            System.out.printf(
                    "history bench: %s at %s, database %s%n",
                    server == null ? "given server" : server.kind(), uri, database);
            try (MongoClient client = MongoClients.create(uri)) {
                MongoCollection<Document> info = client.getDatabase(database).getCollection("bench_history_info");
                Ledger ledger;
                if (phase.equals("measure")) {
                    Document d = info.find(Filters.eq("_id", "ledger")).first();
                    if (d == null) {
                        System.err.println("history bench: database " + database
                                + " holds no built ledger; run --phase build first");
                        return 2;
                    }
                    ledger = new Ledger(
                            d.getString("asset"), d.getLong("first"), d.getLong("last"), d.getString("owner"));
                } else {
                    ledger = build(store);
                    info.insertOne(new Document("_id", "ledger")
                            .append("asset", ledger.assetId())
                            .append("first", ledger.firstMillis())
                            .append("last", ledger.lastMillis())
                            .append("owner", ledger.owner()));
                }
                if (!phase.equals("build")) {
                    measure(store, ledger);
                }
            }
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** What the measurement needs to know of the built ledger. */
    private record Ledger(String assetId, long firstMillis, long lastMillis, String owner) {}

    private String hexId() {
        return String.format("%016x%016x%016x%016x", random.nextLong(), random.nextLong(), random.nextLong(), nextId++);
    }

    private String key() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 44; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private ObjectNode tx(String op, String spends, String assetId, String owner, ObjectNode metadata) {
        ObjectNode tx = JSON.createObjectNode();
        String id = hexId();
        tx.put("id", id).put("version", "2.0").put("operation", op);
        ObjectNode input = tx.putArray("inputs").addObject();
        input.putArray("owners_before").add(owner);
        if (spends == null) {
            input.putNull("fulfills");
        } else {
            input.putObject("fulfills").put("transaction_id", spends).put("output_index", 0);
        }
        // The store does not verify signatures; a fulfillment of the usual length keeps sizes realistic.
        input.put("fulfillment", "pGSAI" + "A".repeat(130));
        ObjectNode out = tx.putArray("outputs").addObject();
        out.putArray("public_keys").add(owner);
        out.put("amount", "1");
        out.putObject("condition")
                .put("uri", "ni:///sha-256;" + "B".repeat(43) + "?fpt=ed25519-sha-256&cost=131072")
                .putObject("details")
                .put("type", "ed25519-sha-256")
                .put("public_key", owner);
        if (assetId == null) {
            tx.putObject("asset")
                    .putObject("data")
                    .put("device", "bench-" + id.substring(0, 8))
                    .put("key", "temperature")
                    .put("unit", "°C");
        } else {
            tx.putObject("asset").put("id", assetId);
        }
        tx.set("metadata", metadata);
        return tx;
    }

    private Ledger build(LedgerStore store) {
        long stored = store.countTransactions();
        if (stored >= transactions) {
            throw new IllegalStateException("database " + database + " already holds " + stored
                    + " transactions; pass another --database (the ledger's shape is not recorded to reuse it)");
        }
        String hotOwner = key();
        String richOwner = key();
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            owners.add(key());
        }
        long start = 1_764_000_000_000L;
        long t = start;
        ObjectNode hotCreate = tx("CREATE", null, null, hotOwner, null);
        String hotAsset = hotCreate.path("id").asText();
        String hotHead = hotAsset;
        int hotLeft = assetTransfers;
        long written = 0;
        long height = 0;
        long began = System.nanoTime();
        List<ObjectNode> block = new ArrayList<>(List.of(hotCreate));
        int others = 0;
        // Per block: the measured asset's share of TRANSFERs, the rest other assets of ten transactions.
        int hotPerBlock = (int) Math.max(1, (long) assetTransfers * blockSize / transactions);
        while (written + block.size() < transactions || hotLeft > 0) {
            for (int i = 0; i < hotPerBlock && hotLeft > 0; i++, hotLeft--) {
                ObjectNode meta = JSON.createObjectNode();
                ArrayNode readings = meta.putArray("readings");
                for (int r = 0; r < readingsPerTransfer; r++) {
                    t += 1000;
                    readings.addObject()
                            .put("t", t)
                            .put("tz", "Europe/Berlin")
                            .put("v", Math.round((20 + 5 * Math.sin(t / 3.6e6) + random.nextGaussian()) * 100) / 100.0)
                            .put("o", t / 1000)
                            .put("i", 0);
                }
                ObjectNode transfer = tx("TRANSFER", hotHead, hotAsset, hotOwner, meta);
                hotHead = transfer.path("id").asText();
                block.add(transfer);
            }
            while (block.size() + 10 <= blockSize && written + block.size() + 10 <= transactions - hotLeft) {
                String first = owners.get(random.nextInt(owners.size()));
                ObjectNode create = tx("CREATE", null, null, first, null);
                String assetId = create.path("id").asText();
                block.add(create);
                String head = assetId;
                for (int k = 1; k < 10; k++) {
                    String owner = k == 9 && others % 10 == 0 ? richOwner : owners.get(random.nextInt(owners.size()));
                    ObjectNode meta = JSON.createObjectNode().put("note", "transfer " + k);
                    ObjectNode transfer = tx("TRANSFER", head, assetId, owner, meta);
                    head = transfer.path("id").asText();
                    block.add(transfer);
                }
                others++;
            }
            if (block.isEmpty()) {
                break;
            }
            height++;
            store.storeTransactions(block);
            HistoryBlock history = store.historyOf(height, block);
            store.applyToUtxos(block);
            store.storeBlock(new BlockRecord(
                    height,
                    "bench",
                    block.stream().map(x -> x.path("id").asText()).toList()));
            store.followHistory(history);
            written += block.size();
            block = new ArrayList<>();
            if (height % 50 == 0) {
                double s = (System.nanoTime() - began) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "  built %,d transactions in %,d blocks, %.0f s (%.0f tx/s)%n",
                        written,
                        height,
                        s,
                        written / s);
            }
        }
        // The history documents are written behind Commit: the build ends when they hold the last block.
        try {
            if (!store.historyFeed().awaitHeight(height, java.time.Duration.ofHours(2))) {
                throw new IllegalStateException("the history writer did not reach height " + height + " in 2 h");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the history writer", e);
        }
        double s = (System.nanoTime() - began) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "built %,d transactions in %,d blocks in %.0f s (%.0f tx/s): asset %s with %,d TRANSFERs, %,d readings%n",
                written,
                height,
                s,
                written / s,
                hotAsset,
                assetTransfers,
                (long) assetTransfers * readingsPerTransfer);
        return new Ledger(hotAsset, start + 1000, t, richOwner);
    }

    private void measure(LedgerStore store, Ledger ledger) {
        HistoryReader h = store.history();
        long total =
                h.history(ledger.assetId(), 1, null).orElseThrow().path("total").asLong();
        List<String> unspentCursors = new ArrayList<>();
        unspentCursors.add(null);
        String cursor = null;
        do {
            JsonNode page = h.unspent(ledger.owner(), 100, cursor);
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
            if (cursor != null) {
                unspentCursors.add(cursor);
            }
        } while (cursor != null);
        System.out.printf(
                Locale.ROOT,
                "asset history: %,d entries; owner %s: %d pages of unspent outputs%n",
                total,
                ledger.owner(),
                unspentCursors.size());
        // Warm-up: the JIT and the server's page cache, as a running node has them.
        for (int i = 0; i < 30; i++) {
            h.history(ledger.assetId(), 100, null);
            h.readings(ledger.assetId(), null, null, 2000);
        }
        System.out.println("query (" + samples + " samples each)           p50 ms    p99 ms    max ms   target");
        report("newest history page of 100", 50, () -> h.history(ledger.assetId(), 100, null));
        report(
                "older history page of 100",
                50,
                () -> h.history(
                        ledger.assetId(), 100, Long.toString(100 + (long) (random.nextDouble() * (total - 100)))));
        long span = ledger.lastMillis() - ledger.firstMillis();
        report("readings range, <= 2,000 points", 100, () -> {
            long length = (long) (span * (0.01 + 0.99 * random.nextDouble()));
            long from = ledger.firstMillis() + (long) (random.nextDouble() * (span - length));
            JsonNode series =
                    h.readings(ledger.assetId(), from, from + length, 2000).orElseThrow();
            if (series.path("points").size() > 2000) {
                throw new IllegalStateException(
                        "more than 2,000 points: " + series.path("points").size());
            }
            return series;
        });
        report(
                "owner's unspent outputs, page of 100",
                50,
                () -> h.unspent(ledger.owner(), 100, unspentCursors.get(random.nextInt(unspentCursors.size()))));
        System.out.println("explain of the lookups (the server's own plan):");
        for (String id : List.of("h/" + ledger.assetId(), "p/" + ledger.assetId() + "/000000000")) {
            System.out.println("  find {_id: \"" + id + "\"}: "
                    + store.explainHistoryLookup(id).toJson());
        }
    }

    private void report(String name, double targetMs, Supplier<Object> query) {
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            query.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double p50 = ms[(int) Math.floor(0.50 * (samples - 1))];
        double p99 = ms[(int) Math.ceil(0.99 * (samples - 1))];
        System.out.printf(
                Locale.ROOT,
                "%-40s %8.2f  %8.2f  %8.2f   p99 <= %.0f ms: %s%n",
                name,
                p50,
                p99,
                ms[samples - 1],
                targetMs,
                p99 <= targetMs ? "met" : "NOT met");
    }
}
