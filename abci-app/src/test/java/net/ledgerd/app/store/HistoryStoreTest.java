package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.ledgerd.testkit.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The history documents against a real MongoDB-protocol server (FerretDB here): pages across page
 * and block boundaries, cursors, the downsampled series against a brute-force computation, owner
 * shards, and an interrupted Commit rolled back and replayed to exactly the uninterrupted state.
 */
class HistoryStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MongoServer server;

    @BeforeAll
    static void start() {
        server = MongoServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final Map<LedgerStore, String> databases = new java.util.IdentityHashMap<>();

    private static LedgerStore fresh() {
        return open("hist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    private static LedgerStore open(String database) {
        LedgerStore store = LedgerStore.open(server.uri(), database);
        databases.put(store, database);
        return store;
    }

    /** A transaction as the store sees it (the store does not check signatures). */
    static final class Chain {
        final String owner;
        final ObjectNode create;
        ObjectNode head;
        int n;

        Chain(String owner, String device) {
            this.owner = owner;
            this.create = tx("CREATE", null, 0, owner, null);
            create.putObject("asset")
                    .putObject("data")
                    .put("device", device)
                    .put("key", "temperature")
                    .put("unit", "°C");
            this.head = create;
        }

        ObjectNode transfer(ArrayNode readings) {
            ObjectNode meta = JSON.createObjectNode();
            meta.set("readings", readings);
            ObjectNode t = tx("TRANSFER", head.path("id").asText(), ++n, owner, meta);
            t.putObject("asset").put("id", create.path("id").asText());
            head = t;
            return t;
        }

        String assetId() {
            return create.path("id").asText();
        }
    }

    private static int counter;

    static ObjectNode tx(String op, String spends, int n, String owner, ObjectNode metadata) {
        String id = String.format("%064x", new java.math.BigInteger(130, new Random(++counter * 7919L + n)))
                .substring(0, 64);
        ObjectNode tx = JSON.createObjectNode();
        tx.put("id", id).put("version", "2.0").put("operation", op);
        ObjectNode input = tx.putArray("inputs").addObject();
        input.putArray("owners_before").add(owner);
        if (spends == null) {
            input.putNull("fulfills");
        } else {
            input.putObject("fulfills").put("transaction_id", spends).put("output_index", 0);
        }
        input.put("fulfillment", "f");
        ObjectNode out = tx.putArray("outputs").addObject();
        out.putArray("public_keys").add(owner);
        out.put("amount", "1");
        out.putObject("condition")
                .put("uri", "u")
                .putObject("details")
                .put("type", "ed25519-sha-256")
                .put("public_key", owner);
        tx.set("metadata", metadata);
        return tx;
    }

    /** Commit's writes in Commit's order; the history documents follow behind. */
    private static void commitWithoutWaiting(LedgerStore store, long height, List<ObjectNode> block) {
        store.storeTransactions(block);
        HistoryBlock history = store.historyOf(height, block);
        store.applyToUtxos(block);
        store.storeBlock(new BlockRecord(
                height,
                "h" + height,
                block.stream().map(t -> t.path("id").asText()).toList()));
        store.followHistory(history);
    }

    /** A Commit, then the wait until the history holds its block. */
    private static void commit(LedgerStore store, long height, List<ObjectNode> block) {
        commitWithoutWaiting(store, height, block);
        awaitHistory(store, height);
    }

    private static void awaitHistory(LedgerStore store, long height) {
        try {
            assertTrue(
                    store.historyFeed().awaitHeight(height, Duration.ofSeconds(120)),
                    "the history reached height " + height);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static ArrayNode readings(long... tv) {
        ArrayNode a = JSON.createArrayNode();
        for (int i = 0; i < tv.length; i += 2) {
            a.addObject()
                    .put("t", tv[i])
                    .put("tz", "UTC")
                    .put("v", tv[i + 1] / 10.0)
                    .put("o", 0)
                    .put("i", i / 2);
        }
        return a;
    }

    @Test
    void pagesFollowTheHistoryAcrossPageAndBlockBoundaries() {
        try (LedgerStore store = fresh()) {
            Chain chain = new Chain("OwnerKey1111111111111111111111111111111111", "dev-1");
            List<String> ids = new ArrayList<>();
            List<Long> heights = new ArrayList<>();
            int[] blockSizes = {1, 7, 100, 141, 1, 1};
            long height = 0;
            for (int size : blockSizes) {
                height++;
                List<ObjectNode> block = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    ObjectNode t =
                            ids.isEmpty() ? chain.create : chain.transfer(readings(1_700_000_000_000L + ids.size(), 1));
                    block.add(t);
                    ids.add(t.path("id").asText());
                    heights.add(height);
                }
                commit(store, height, block);
            }
            assertEquals(251, ids.size());
            HistoryReader h = store.history();
            for (int limit : new int[] {100, 7, 1}) {
                List<String> seen = new ArrayList<>();
                String cursor = null;
                int pages = 0;
                do {
                    JsonNode page = h.history(chain.assetId(), limit, cursor).orElseThrow();
                    assertEquals(251, page.path("total").asLong());
                    assertTrue(page.path("entries").size() <= limit);
                    for (JsonNode e : page.path("entries")) {
                        int position = e.path("position").asInt();
                        assertEquals(ids.get(position), e.path("id").asText());
                        assertEquals(
                                (long) heights.get(position), e.path("height").asLong());
                        seen.add(e.path("id").asText());
                    }
                    cursor = page.path("next_cursor").isNull()
                            ? null
                            : page.path("next_cursor").asText();
                    pages++;
                } while (cursor != null);
                List<String> newestFirst = new ArrayList<>(ids);
                java.util.Collections.reverse(newestFirst);
                assertEquals(newestFirst, seen, "limit " + limit);
                assertEquals((251 + limit - 1) / limit, pages);
            }
            JsonNode newest = h.history(chain.assetId(), 100, null)
                    .orElseThrow()
                    .path("entries")
                    .get(0);
            assertEquals("TRANSFER", newest.path("operation").asText());
            assertEquals(1, newest.path("readings").path("count").asInt());
            assertEquals(
                    ids.get(249),
                    newest.path("spends").get(0).path("transaction_id").asText());
            JsonNode first = h.history(chain.assetId(), 1, "1").orElseThrow();
            assertEquals(
                    "CREATE", first.path("entries").get(0).path("operation").asText());
            assertTrue(first.path("next_cursor").isNull());
            assertTrue(h.history("0".repeat(64), 100, null).isEmpty());
            JsonNode device = h.device("dev-1").orElseThrow();
            assertEquals(
                    chain.assetId(),
                    device.path("assets").get(0).path("asset_id").asText());
            assertEquals("°C", device.path("assets").get(0).path("unit").asText());
        }
    }

    @Test
    void cursorsThatThisHistoryDidNotHandOutAreRefused() {
        try (LedgerStore store = fresh()) {
            Chain chain = new Chain("OwnerKey2222222222222222222222222222222222", "dev-2");
            commit(store, 1, List.of(chain.create, chain.transfer(readings(1000, 1))));
            HistoryReader h = store.history();
            for (String bad : new String[] {"abc", "-1", "3", "1e2", "", " 1", "99999999999999999999"}) {
                assertThrows(InvalidCursorException.class, () -> h.history(chain.assetId(), 10, bad), bad);
            }
            assertEquals(
                    2,
                    h.history(chain.assetId(), 10, "2")
                            .orElseThrow()
                            .path("entries")
                            .size());
            assertEquals(
                    0,
                    h.history(chain.assetId(), 10, "0")
                            .orElseThrow()
                            .path("entries")
                            .size());
            for (String bad : new String[] {"x", "ab:1", "A".repeat(64) + ":1", "a".repeat(64) + ":"}) {
                assertThrows(InvalidCursorException.class, () -> h.unspent(chain.owner, 10, bad), bad);
            }
        }
    }

    @Test
    void theSeriesEqualsABruteForceDownsamplingOfTheReadings() {
        try (LedgerStore store = fresh()) {
            Chain chain = new Chain("OwnerKey3333333333333333333333333333333333", "dev-3");
            Random random = new Random(12);
            List<long[]> all = new ArrayList<>(); // {t ms, v*10}
            List<ObjectNode> block = new ArrayList<>(List.of(chain.create));
            long t = 1_764_000_000_000L;
            for (int tx = 0; tx < 120; tx++) {
                long[] tv = new long[2 * (1 + random.nextInt(30))];
                for (int i = 0; i < tv.length; i += 2) {
                    // Mostly increasing, sometimes late or in seconds: the grid must not care.
                    t += random.nextInt(5_000);
                    long at = random.nextInt(20) == 0 ? t - random.nextInt(100_000) : t;
                    tv[i] = random.nextInt(30) == 0 ? at / 1000 : at;
                    tv[i + 1] = random.nextInt(2001) - 1000;
                    all.add(new long[] {tv[i] < SeriesLevels.SECONDS_LIMIT ? tv[i] * 1000 : tv[i], tv[i + 1]});
                }
                block.add(chain.transfer(readings(tv)));
                if (block.size() == 17) {
                    commit(store, tx + 1, block);
                    block = new ArrayList<>();
                }
            }
            commit(store, 1000, block);
            // A non-numeric value is exported but not aggregated.
            ArrayNode odd = readings(t, 0);
            ((ObjectNode) odd.get(0)).put("v", "door open");
            commit(store, 1001, List.of(chain.transfer(odd)));
            HistoryReader h = store.history();
            long min = all.stream().mapToLong(r -> r[0]).min().orElseThrow();
            long max = all.stream().mapToLong(r -> r[0]).max().orElseThrow();
            long[][] ranges = {{min, max}, {min + 50_000, min + 200_000}, {max - 3_000, max}, {min, min}};
            for (long[] range : ranges) {
                for (int points : new int[] {2000, 100, 7, 1}) {
                    JsonNode series = h.readings(chain.assetId(), range[0], range[1], points)
                            .orElseThrow();
                    long w = series.path("resolution_ms").asLong();
                    long from = series.path("from").asLong();
                    long to = series.path("to").asLong();
                    // The range widened to whole slots of the level, never by a slot or more.
                    assertTrue(from <= range[0] && to >= range[1]);
                    assertTrue(range[0] - from < w && to - range[1] < w, "widened too far");
                    boolean powerOfTen = Long.toString(w).matches("10*");
                    assertTrue(
                            !powerOfTen
                                    || w == SeriesLevels.width(SeriesLevels.FINEST)
                                    || Math.floorDiv(range[1], w / 10) - Math.floorDiv(range[0], w / 10) + 1 > points,
                            "not the finest level");
                    Map<Long, List<Double>> expected = new java.util.TreeMap<>();
                    for (long[] r : all) {
                        if (r[0] >= from && r[0] <= to) {
                            expected.computeIfAbsent(from + (r[0] - from) / w * w, k -> new ArrayList<>())
                                    .add(r[1] / 10.0);
                        }
                    }
                    JsonNode pts = series.path("points");
                    assertEquals(expected.size(), pts.size(), "points " + points + " range " + range[0]);
                    assertTrue(pts.size() <= points);
                    int k = 0;
                    for (Map.Entry<Long, List<Double>> e : expected.entrySet()) {
                        JsonNode p = pts.get(k++);
                        assertEquals(e.getKey(), p.path("t").asLong());
                        assertEquals(e.getValue().size(), p.path("count").asLong());
                        assertEquals(
                                e.getValue().stream().mapToDouble(d -> d).min().orElseThrow(),
                                p.path("min").asDouble());
                        assertEquals(
                                e.getValue().stream().mapToDouble(d -> d).max().orElseThrow(),
                                p.path("max").asDouble());
                        assertEquals(
                                e.getValue().stream()
                                        .mapToDouble(d -> d)
                                        .average()
                                        .orElseThrow(),
                                p.path("mean").asDouble(),
                                1e-9);
                    }
                }
            }
            JsonNode whole = h.readings(chain.assetId(), null, null, 2000).orElseThrow();
            assertEquals(all.size(), whole.path("total_readings").asLong());
            assertEquals(all.size(), sum(whole.path("points")));
            List<ObjectNode> exported = new ArrayList<>();
            assertTrue(h.exportReadings(chain.assetId(), null, null, exported::add));
            assertEquals(all.size() + 1, exported.size());
            assertEquals("door open", exported.get(all.size()).path("value").asText());
            assertEquals("temperature", exported.get(0).path("key").asText());
            List<ObjectNode> ranged = new ArrayList<>();
            h.exportReadings(chain.assetId(), min + 50_000, min + 200_000, ranged::add);
            assertEquals(
                    all.stream()
                            .filter(r -> r[0] >= min + 50_000 && r[0] <= min + 200_000)
                            .count(),
                    ranged.size());
        }
    }

    private static long sum(JsonNode points) {
        long n = 0;
        for (JsonNode p : points) {
            n += p.path("count").asLong();
        }
        return n;
    }

    /**
     * FerretDB holds a pooled connection (of 100) per update statement until the command ends, so a block that
     * rewrites a few hundred existing history documents once halted Commit for good under load.
     */
    @Test
    void aBlockRewritingHundredsOfHistoryDocumentsCommits() {
        try (LedgerStore store = fresh()) {
            List<Chain> chains = new ArrayList<>();
            List<ObjectNode> creates = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Chain c = new Chain(String.format("Owner%038d", i), "many-" + i);
                chains.add(c);
                creates.add(c.create);
            }
            commit(store, 1, creates);
            for (long height = 2; height <= 3; height++) {
                List<ObjectNode> transfers = new ArrayList<>();
                for (Chain c : chains) {
                    transfers.add(c.transfer(readings(1000 * height, height)));
                }
                long h = height;
                assertTimeoutPreemptively(Duration.ofSeconds(120), () -> commit(store, h, transfers));
            }
            for (Chain c : List.of(chains.get(0), chains.get(299))) {
                JsonNode page = store.history().history(c.assetId(), 100, null).orElseThrow();
                assertEquals(3, page.path("entries").size(), "CREATE and two TRANSFERs of " + c.assetId());
            }
        }
    }

    @Test
    void anOwnersUnspentOutputsArePagedInKeyOrderAndLeaveWhenSpent() {
        try (LedgerStore store = fresh()) {
            String owner = "OwnerKey4444444444444444444444444444444444";
            List<Chain> chains = new ArrayList<>();
            List<ObjectNode> block = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Chain c = new Chain(owner, "d" + i);
                chains.add(c);
                block.add(c.create);
            }
            commit(store, 1, block);
            // Half of them move on: the CREATE output is spent, the TRANSFER output is unspent.
            List<ObjectNode> second = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                second.add(chains.get(i).transfer(readings(1000, 1)));
            }
            // One made and spent in the same block never appears.
            ObjectNode again = chains.get(0).transfer(readings(2000, 1));
            second.add(again);
            commit(store, 2, second);
            List<String> expected = chains.stream()
                    .map(c -> c.head.path("id").asText() + ":0")
                    .sorted()
                    .toList();
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = store.history().unspent(owner, 3, cursor);
                assertTrue(page.path("outputs").size() <= 3);
                for (JsonNode o : page.path("outputs")) {
                    seen.add(o.path("transaction_id").asText() + ":"
                            + o.path("output_index").asInt());
                    assertEquals("1", o.path("amount").asText());
                }
                cursor = page.path("next_cursor").isNull()
                        ? null
                        : page.path("next_cursor").asText();
            } while (cursor != null);
            assertEquals(expected, seen);
            List<String> viaOutputs = new ArrayList<>();
            store.readModel()
                    .outputs(owner, false)
                    .forEach(o -> viaOutputs.add(o.path("transaction_id").asText() + ":"
                            + o.path("output_index").asInt()));
            assertEquals(
                    expected, viaOutputs.stream().sorted().toList(), "the same outputs as GET /outputs?spent=false");
        }
    }

    /** Six chains of two owners and eight blocks of up to 60 random TRANSFERs after their CREATEs. */
    private static List<List<ObjectNode>> randomBlocks(long seed, String ownerPrefix) {
        Random random = new Random(seed);
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chains.add(new Chain(ownerPrefix + (i % 2), "rec-" + seed + "-" + i));
        }
        List<List<ObjectNode>> blocks = new ArrayList<>();
        blocks.add(chains.stream().map(c -> c.create).toList());
        for (int b = 0; b < 8; b++) {
            List<ObjectNode> block = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(60); k++) {
                Chain c = chains.get(random.nextInt(chains.size()));
                long t = 1_764_000_000_000L + b * 10_000L + k * 37L;
                // Now and then a late reading, behind the series tail's current documents.
                long late = random.nextInt(8) == 0 ? t - 20_000L - random.nextInt(60_000) : t;
                block.add(c.transfer(readings(t, random.nextInt(500), late, random.nextInt(500))));
            }
            blocks.add(block);
        }
        return blocks;
    }

    /**
     * Three chains and twelve blocks of one TRANSFER each per chain after their CREATEs, each with 80
     * readings 10 to 40 ms apart or, one in three, 1 to 3 ms apart (so the parts of the 1, 10 and 100 ms
     * levels go on their own every few blocks), one in twenty of them late by up to ten minutes (into
     * older documents at most levels).
     */
    private static List<List<ObjectNode>> denseBlocks(long seed, String ownerPrefix) {
        Random random = new Random(seed);
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chains.add(new Chain(ownerPrefix + i, "dense-" + seed + "-" + i));
        }
        List<List<ObjectNode>> blocks = new ArrayList<>();
        blocks.add(chains.stream().map(c -> c.create).toList());
        long[] t = {1_764_000_600_000L, 1_764_000_600_000L, 1_764_000_600_000L};
        for (int b = 0; b < 12; b++) {
            List<ObjectNode> block = new ArrayList<>();
            for (int i = 0; i < chains.size(); i++) {
                long[] tv = new long[160];
                boolean burst = random.nextInt(3) == 0;
                for (int r = 0; r < tv.length; r += 2) {
                    t[i] += burst ? 1 + random.nextInt(3) : 10 + random.nextInt(30);
                    tv[r] = random.nextInt(20) == 0 ? t[i] - random.nextInt(600_000) : t[i];
                    tv[r + 1] = random.nextInt(2001) - 1000;
                }
                block.add(chains.get(i).transfer(readings(tv)));
            }
            blocks.add(block);
        }
        return blocks;
    }

    /** Whether the id is of a series document stored on its own whose (level, index) is its tail's current one. */
    private static boolean isCurrentOwn(String id, Map<String, Document> docs) {
        if (!id.startsWith("s/")) {
            return false;
        }
        String[] p = id.split("/");
        Long current = SeriesTail.index(docs.get(HistoryWriter.tailId(p[1])), Integer.parseInt(p[2]));
        return current != null && current == Long.parseLong(p[3]);
    }

    /** The history of a ledger committed block by block, each block waited for. */
    private static Map<String, Document> uninterrupted(List<List<ObjectNode>> blocks) {
        try (LedgerStore whole = fresh()) {
            for (int i = 0; i < blocks.size(); i++) {
                commit(whole, i + 1, blocks.get(i));
            }
            Map<String, Document> docs = snapshot(whole);
            docs.remove(HistoryWriter.APPLIED_MARKER);
            return docs;
        }
    }

    private static Map<String, Document> historyDocuments(LedgerStore store) {
        Map<String, Document> docs = snapshot(store);
        docs.remove(HistoryWriter.APPLIED_MARKER);
        return docs;
    }

    @Test
    void aKillBetweenCommitAndTheWritersPassCatchesUpFromTheStoredBlocks() {
        List<List<ObjectNode>> blocks = randomBlocks(5, "OwnerKey555555555555555555555555555555555");
        Map<String, Document> whole = uninterrupted(blocks);
        String name;
        LedgerStore crashed = fresh();
        name = databaseOf(crashed);
        for (int i = 0; i < 3; i++) {
            commit(crashed, i + 1, blocks.get(i));
        }
        crashed.close();
        // The writer never runs: the later blocks are stored, then the process dies with them queued.
        LedgerStore paused = LedgerStore.openWithoutHistoryWriter(server.uri(), name);
        for (int i = 3; i < blocks.size(); i++) {
            commitWithoutWaiting(paused, i + 1, blocks.get(i));
        }
        paused.close();
        try (LedgerStore restarted = open(name)) {
            awaitHistory(restarted, blocks.size());
            assertEquals(whole, historyDocuments(restarted));
        }
    }

    /**
     * Where a kill -9 stops a pass: in its first write (no tail written yet), between its two writes
     * (every other document written, flushed series parts among them, no tail), or in its second (the tails).
     */
    enum KillPoint {
        AMONG_THE_DOCUMENTS,
        BEFORE_THE_TAILS,
        AMONG_THE_TAILS
    }

    /** Sparse readings never fill a series tail's part; dense ones store parts on their own every few blocks. */
    enum Readings {
        SPARSE,
        DENSE
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> killPoints() {
        return java.util.Arrays.stream(KillPoint.values())
                .flatMap(k -> java.util.Arrays.stream(Readings.values())
                        .map(r -> org.junit.jupiter.params.provider.Arguments.of(k, r)));
    }

    @ParameterizedTest
    @MethodSource("killPoints")
    void aPassInterruptedAfterSomeOfItsWritesIsRedoneToExactlyTheUninterruptedState(KillPoint kill, Readings readings) {
        List<List<ObjectNode>> blocks = readings == Readings.SPARSE
                ? randomBlocks(6, "OwnerKey777777777777777777777777777777777")
                : denseBlocks(6, "OwnerKey777777777777777777777777777777777");
        Map<String, Document> whole = uninterrupted(blocks);
        String name;
        Map<String, Document> before;
        Map<String, Document> after;
        try (LedgerStore crashed = fresh()) {
            name = databaseOf(crashed);
            commit(crashed, 1, blocks.get(0));
            commit(crashed, 2, blocks.get(1));
            before = snapshot(crashed);
            for (int i = 2; i < blocks.size(); i++) {
                commitWithoutWaiting(crashed, i + 1, blocks.get(i));
            }
            awaitHistory(crashed, blocks.size());
            after = snapshot(crashed);
        }
        if (readings == Readings.DENSE) {
            assertTrue(
                    after.keySet().stream()
                            .anyMatch(id -> !after.get(id).equals(before.get(id)) && isCurrentOwn(id, after)),
                    "the passes stored some tail's part on its own");
        }
        // Undo what a kill -9 in the middle of the passes after block 2 leaves unwritten, and set the
        // marker back to a pass in flight from block 3 on. The tails are written after every other
        // document: killed among the documents, every tail is undone and every other document; killed
        // among the tails, every other tail.
        try (MongoClient client = MongoClients.create(server.uri())) {
            var docs = client.getDatabase(name).getCollection("ledgerd_history");
            int k = 0;
            int tailsUndone = 0;
            for (String id : after.keySet()) {
                if (after.get(id).equals(before.get(id))) {
                    continue;
                }
                boolean tail = id.startsWith("t/");
                boolean undo = switch (kill) {
                    case AMONG_THE_DOCUMENTS -> tail || k++ % 2 == 0;
                    case BEFORE_THE_TAILS -> tail;
                    case AMONG_THE_TAILS -> tail && k++ % 2 == 0;
                };
                if (undo) {
                    tailsUndone += tail ? 1 : 0;
                    if (before.containsKey(id)) {
                        docs.replaceOne(Filters.eq("_id", id), before.get(id));
                    } else {
                        docs.deleteOne(Filters.eq("_id", id));
                    }
                }
            }
            assertTrue(tailsUndone > 0, "the kill left some tail behind");
            docs.replaceOne(
                    Filters.eq("_id", HistoryWriter.APPLIED_MARKER),
                    new Document("_id", HistoryWriter.APPLIED_MARKER)
                            .append("h", 2L)
                            .append("to", (long) blocks.size()));
        }
        try (LedgerStore restarted = open(name)) {
            awaitHistory(restarted, blocks.size());
            assertEquals(whole, historyDocuments(restarted));
        }
    }

    /**
     * Readings in time order, a second of them per block: each pass rewrites the asset's series tail and
     * stores only the documents the tail moved past (the former layout rewrote one per level, ten),
     * and a current document once its part in the tail has grown past {@link SeriesTail#PART_SLOTS}.
     */
    @Test
    void aPassWithReadingsInTimeOrderWritesTheTailAndTheDocumentsItLeaves() {
        try (LedgerStore store = fresh()) {
            List<Chain> chains = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                chains.add(new Chain("OwnerKeyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" + i, "order-" + i));
            }
            commit(store, 1, chains.stream().map(c -> c.create).toList());
            long t = 1_764_000_004_000L;
            long lastOfPrevious = t - 1;
            int seriesWrites = 0;
            int passes = 0;
            int flushes = 0;
            // Per level, the slots in the tail's part: 100 ms slots fill it in 7 blocks.
            int[] part = new int[SeriesLevels.LEVELS];
            for (long height = 2; height <= 61; height++) {
                List<ObjectNode> block = new ArrayList<>();
                long[] tv = new long[20];
                for (int i = 0; i < 10; i++) {
                    tv[2 * i] = t + 100L * i;
                    tv[2 * i + 1] = i;
                }
                for (Chain c : chains) {
                    block.add(c.transfer(readings(tv)));
                }
                Map<String, Document> was = snapshot(store);
                commit(store, height, block);
                Map<String, Document> now = snapshot(store);
                int left = 0;
                int flushed = 0;
                for (int level = SeriesLevels.FINEST; level < SeriesLevels.LEVELS; level++) {
                    long newest = SeriesLevels.docIndex(SeriesLevels.slot(t + 900, level));
                    if (newest != SeriesLevels.docIndex(SeriesLevels.slot(lastOfPrevious, level))) {
                        left++;
                        part[level] = 0;
                    }
                    Set<Long> slots = new java.util.HashSet<>();
                    for (int i = 0; i < 10; i++) {
                        long slot = SeriesLevels.slot(t + 100L * i, level);
                        if (SeriesLevels.docIndex(slot) == newest && slots.add(slot)) {
                            part[level]++;
                        }
                    }
                    if (part[level] > SeriesTail.PART_SLOTS) {
                        flushed++;
                        part[level] = 0;
                    }
                }
                flushes += flushed;
                for (Chain c : chains) {
                    long written = now.entrySet().stream()
                            .filter(e -> e.getKey().startsWith("s/" + c.assetId() + "/")
                                    || e.getKey().equals("t/" + c.assetId()))
                            .filter(e -> !e.getValue().equals(was.get(e.getKey())))
                            .count();
                    assertEquals(
                            height == 2 ? 1 : 1 + left + flushed, written, "series documents written at " + height);
                    seriesWrites += (int) written;
                }
                passes++;
                lastOfPrevious = t + 900;
                t += 1000;
            }
            // 60 s of readings: the tail every pass, a level-2 part stored every seventh, the level-2
            // document (50 s) left once.
            assertEquals(8, flushes);
            assertTrue(seriesWrites <= chains.size() * (passes + passes / 7 + 2), "series writes " + seriesWrites);
        }
    }

    /** The layouts of the series that earlier versions wrote. */
    enum FormerLayout {
        /** A document per level and index, no tails. */
        DOCUMENTS_ONLY,
        /**
         * Each level's whole current document in the tail, none on its own for that index but, at odd
         * levels, an older copy of it (a document of the layout before, which the tail adopted).
         */
        WHOLE_CURRENT_DOCUMENT_IN_THE_TAIL
    }

    /** The series of a ledger written in a former layout reads the same once continued, at every level. */
    @ParameterizedTest
    @EnumSource(FormerLayout.class)
    void aSeriesWrittenInAFormerLayoutIsContinuedAndReadTheSame(FormerLayout layout) {
        List<List<ObjectNode>> blocks = denseBlocks(11, "OwnerKeyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
        int half = blocks.size() / 2;
        String name = ledgerOf(blocks.subList(0, half));
        try (MongoClient client = MongoClients.create(server.uri())) {
            var docs = client.getDatabase(name).getCollection("ledgerd_history");
            List<Document> tails = new ArrayList<>();
            docs.find(Filters.regex("_id", "^t/")).into(tails);
            assertFalse(tails.isEmpty());
            for (Document tail : tails) {
                String asset = tail.getString("_id").substring(2);
                Document formerTail = new Document("_id", tail.get("_id")).append("h", tail.get("h"));
                for (int level = SeriesLevels.FINEST; level < SeriesLevels.LEVELS; level++) {
                    long index = SeriesTail.index(tail, level);
                    String id = HistoryWriter.seriesId(asset, level, index);
                    Document stored = docs.find(Filters.eq("_id", id)).first();
                    SeriesSlots whole = SeriesTail.current(tail, level, index, stored);
                    if (layout == FormerLayout.DOCUMENTS_ONLY) {
                        Document own = new Document("_id", id).append("h", tail.get("h"));
                        whole.writeTo(own);
                        docs.replaceOne(Filters.eq("_id", id), own, new ReplaceOptions().upsert(true));
                    } else {
                        SeriesTail.put(formerTail, level, index, whole);
                        if (level % 2 == 0 || stored == null) {
                            docs.deleteOne(Filters.eq("_id", id));
                        } else {
                            Document older = new Document("_id", id).append("h", 1L);
                            SeriesSlots.of(stored).writeTo(older);
                            docs.replaceOne(Filters.eq("_id", id), older);
                        }
                    }
                }
                if (layout == FormerLayout.DOCUMENTS_ONLY) {
                    docs.deleteOne(Filters.eq("_id", tail.getString("_id")));
                } else {
                    docs.replaceOne(Filters.eq("_id", tail.get("_id")), formerTail);
                }
            }
        }
        assertContinuedReadsAsAFreshLedger(name, blocks, half);
    }

    /** A fresh ledger holding the blocks, closed; its database's name. */
    private static String ledgerOf(List<List<ObjectNode>> blocks) {
        try (LedgerStore store = fresh()) {
            for (int i = 0; i < blocks.size(); i++) {
                commit(store, i + 1, blocks.get(i));
            }
            return databaseOf(store);
        }
    }

    /**
     * Continues the ledger {@code name}, which holds the first {@code half} blocks, with the rest, and compares
     * every asset's series with that of a fresh ledger given all the blocks, and with the readings themselves.
     */
    private static void assertContinuedReadsAsAFreshLedger(String name, List<List<ObjectNode>> blocks, int half) {
        try (LedgerStore continued = open(name);
                LedgerStore whole = fresh()) {
            for (int i = 0; i < blocks.size(); i++) {
                if (i >= half) {
                    commit(continued, i + 1, blocks.get(i));
                }
                commit(whole, i + 1, blocks.get(i));
            }
            for (ObjectNode create : blocks.get(0)) {
                String asset = create.path("id").asText();
                for (int points : new int[] {2000, 300, 40, 3}) {
                    assertEquals(
                            whole.history().readings(asset, null, null, points),
                            continued.history().readings(asset, null, null, points),
                            asset + " in " + points + " points");
                }
                assertSeriesEqualsTheReadings(continued.history(), asset, blocks);
            }
        }
    }

    /**
     * A ledger of a version that stored the 1 ms and 10 ms levels: their slots in the tails go at the next pass,
     * their documents are never read, and every answer is that of a ledger written by this version alone.
     */
    @Test
    void levelsFinerThanTheFinestThatAnEarlierVersionStoredAreLeftOut() {
        List<List<ObjectNode>> blocks = denseBlocks(12, "OwnerKeyCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC");
        int half = blocks.size() / 2;
        String name = ledgerOf(blocks.subList(0, half));
        List<String> assets =
                blocks.get(0).stream().map(c -> c.path("id").asText()).toList();
        try (MongoClient client = MongoClients.create(server.uri())) {
            var docs = client.getDatabase(name).getCollection("ledgerd_history");
            for (String asset : assets) {
                Document tail = docs.find(Filters.eq("_id", HistoryWriter.tailId(asset)))
                        .first();
                for (int level = 0; level < SeriesLevels.FINEST; level++) {
                    SeriesSlots stray = new SeriesSlots();
                    stray.add(SeriesLevels.slot(1_764_000_600_000L, level), 1e6);
                    SeriesTail.put(tail, level, SeriesLevels.docIndex(stray.slot(0)), stray);
                    Document own = new Document("_id", HistoryWriter.seriesId(asset, level, 0)).append("h", 1L);
                    stray.writeTo(own);
                    docs.insertOne(own);
                }
                docs.replaceOne(Filters.eq("_id", tail.get("_id")), tail);
            }
            assertContinuedReadsAsAFreshLedger(name, blocks, half);
            for (String asset : assets) {
                Document tail = docs.find(Filters.eq("_id", HistoryWriter.tailId(asset)))
                        .first();
                for (int level = 0; level < SeriesLevels.FINEST; level++) {
                    assertFalse(
                            tail.containsKey("i" + level) || tail.containsKey("b" + level),
                            tail.keySet().toString());
                }
            }
        }
    }

    /**
     * Many passes of dense readings, some late into older documents, some passes taking several
     * blocks: at every level each slot's count, min, max and mean are those of the readings in it
     * (the sum added in commit order, so the mean is exactly equal).
     */
    @Test
    void theSeriesEqualsTheReadingsAtEveryLevelAfterManyPassesWithPartsStoredOnTheirOwn() {
        List<List<ObjectNode>> blocks = new ArrayList<>(denseBlocks(21, "OwnerKeyCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"));
        List<List<ObjectNode>> more = denseBlocks(22, "OwnerKeyDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
        blocks.addAll(more.subList(1, more.size()));
        // The second chains' CREATEs first, so their TRANSFERs follow them.
        blocks.set(
                0,
                java.util.stream.Stream.concat(blocks.get(0).stream(), more.get(0).stream())
                        .toList());
        try (LedgerStore store = fresh()) {
            for (int i = 0; i < blocks.size(); i++) {
                if (i % 5 == 3) {
                    commitWithoutWaiting(store, i + 1, blocks.get(i));
                } else {
                    commit(store, i + 1, blocks.get(i));
                }
            }
            Map<String, Document> docs = historyDocuments(store);
            assertTrue(docs.keySet().stream().anyMatch(id -> isCurrentOwn(id, docs)), "some part stored on its own");
            for (ObjectNode create : blocks.get(0)) {
                String asset = create.path("id").asText();
                assertSeriesEqualsTheReadings(store.history(), asset, blocks);
                Document tail = docs.get(HistoryWriter.tailId(asset));
                for (int level = SeriesLevels.FINEST; level < SeriesLevels.LEVELS; level++) {
                    assertTrue(SeriesTail.part(tail, level).size() <= SeriesTail.PART_SLOTS, "part of " + level);
                }
            }
        }
    }

    /** Every slot of every level, as the reader answers it, against the asset's readings in the blocks. */
    private static void assertSeriesEqualsTheReadings(HistoryReader h, String asset, List<List<ObjectNode>> blocks) {
        List<HistoryEntries.Reading> all = new ArrayList<>();
        for (List<ObjectNode> block : blocks) {
            for (ObjectNode tx : block) {
                if (HistoryEntries.assetIdOf(tx).equals(asset)) {
                    all.addAll(HistoryEntries.readings(tx));
                }
            }
        }
        int points = SeriesLevels.MAX_POINTS;
        for (int level = SeriesLevels.FINEST; level < SeriesLevels.LEVELS; level++) {
            long w = SeriesLevels.width(level);
            java.util.TreeMap<Long, double[]> expected = new java.util.TreeMap<>(); // slot: count, min, max, sum
            for (HistoryEntries.Reading r : all) {
                double v = r.value().doubleValue();
                double[] a = expected.get(Math.floorDiv(r.millis(), w));
                if (a == null) {
                    expected.put(Math.floorDiv(r.millis(), w), new double[] {1, v, v, v});
                } else {
                    a[0]++;
                    a[1] = Math.min(a[1], v);
                    a[2] = Math.max(a[2], v);
                    a[3] += v;
                }
            }
            Set<Long> windows = new java.util.TreeSet<>();
            expected.keySet().forEach(slot -> windows.add(Math.floorDiv(slot, points)));
            for (long window : windows) {
                JsonNode series = h.readings(asset, window * points * w, (window + 1) * points * w - 1, points)
                        .orElseThrow();
                assertEquals(w, series.path("resolution_ms").asLong());
                JsonNode pts = series.path("points");
                Map<Long, double[]> in = expected.subMap(window * points, (window + 1) * points);
                assertEquals(in.size(), pts.size(), "level " + level + " window " + window);
                int k = 0;
                for (Map.Entry<Long, double[]> e : in.entrySet()) {
                    JsonNode p = pts.get(k++);
                    String where = "level " + level + " slot " + e.getKey();
                    assertEquals(e.getKey() * w, p.path("t").asLong(), where);
                    assertEquals((long) e.getValue()[0], p.path("count").asLong(), where);
                    assertEquals(e.getValue()[1], p.path("min").asDouble(), where);
                    assertEquals(e.getValue()[2], p.path("max").asDouble(), where);
                    assertEquals(
                            e.getValue()[3] / e.getValue()[0], p.path("mean").asDouble(), where);
                }
            }
        }
    }

    @Test
    void aCommittedAssetWhoseHistoryIsNotWrittenYetHasAnEmptyHistory() throws Exception {
        List<List<ObjectNode>> blocks = randomBlocks(1, "OwnerKey777777777777777777777777777777777");
        String name = "hist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (LedgerStore store = LedgerStore.openWithoutHistoryWriter(server.uri(), name)) {
            databases.put(store, name);
            commitWithoutWaiting(store, 1, blocks.get(0));
            String asset = HistoryEntries.assetIdOf(blocks.get(0).get(0));
            // Committed, not yet in the history (the writer runs behind Commit): empty, not unknown.
            assertEquals(
                    0,
                    store.history()
                            .history(asset, 10, null)
                            .orElseThrow()
                            .path("total")
                            .asLong());
            assertEquals(
                    0,
                    store.history()
                            .history(asset, 10, null)
                            .orElseThrow()
                            .path("entries")
                            .size());
            assertEquals(
                    0,
                    store.history()
                            .readings(asset, null, null, 100)
                            .orElseThrow()
                            .path("points")
                            .size());
            assertTrue(store.history().history("cafe".repeat(16), 10, null).isEmpty(), "an unknown asset");
            store.historyFeed().applyQueued(0, TimeUnit.SECONDS);
            assertTrue(store.history()
                            .history(asset, 10, null)
                            .orElseThrow()
                            .path("total")
                            .asLong()
                    > 0);
        }
    }

    @Test
    void passesKeepTheConfiguredIntervalUnlessAReaderWaits() throws Exception {
        List<List<ObjectNode>> blocks = randomBlocks(7, "OwnerKey777777777777777777777777777777777");
        String name = "hist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (LedgerStore store = LedgerStore.open(server.uri(), name, Duration.ofSeconds(60))) {
            databases.put(store, name);
            commitWithoutWaiting(store, 1, blocks.get(0));
            assertTrue(store.historyFeed().awaitHeight(1, Duration.ofSeconds(60)));
            long passes = store.historyFeed().passes();
            for (int i = 1; i < blocks.size(); i++) {
                commitWithoutWaiting(store, i + 1, blocks.get(i));
            }
            // The next pass is due 60 s after the first began: the later blocks wait for it, longer than the
            // default interval...
            Thread.sleep(HistoryFeed.DEFAULT_PASS_INTERVAL.toMillis() + 1_000);
            assertEquals(1, store.historyFeed().appliedThrough());
            assertEquals(passes, store.historyFeed().passes());
            // ...unless a reader waits for them, which is served at once.
            assertTrue(store.historyFeed().awaitHeight(blocks.size(), Duration.ofSeconds(30)));
            assertEquals(uninterrupted(blocks), historyDocuments(store));
        }
    }

    @Test
    void blocksQueuedTogetherWriteEachTouchedDocumentOnce() throws Exception {
        List<List<ObjectNode>> blocks = randomBlocks(8, "OwnerKey888888888888888888888888888888888");
        Map<String, Document> whole = uninterrupted(blocks);
        String name = "hist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (LedgerStore store = LedgerStore.openWithoutHistoryWriter(server.uri(), name)) {
            databases.put(store, name);
            for (int i = 0; i < blocks.size(); i++) {
                commitWithoutWaiting(store, i + 1, blocks.get(i));
            }
            // Every block is queued: one pass takes them all and writes each document it touches once
            // (every block after the first touches the heads and last pages of the same six assets).
            int written = store.historyFeed().applyQueued(0, TimeUnit.SECONDS);
            assertEquals(1, store.historyFeed().passes());
            assertEquals(blocks.size(), store.historyFeed().appliedThrough());
            assertEquals(whole, historyDocuments(store));
            assertEquals(whole.size(), written, "one write per document");
        }
    }

    /** A client of the test server whose commands {@code counter} counts. */
    private static MongoClient countedClient(CommandCounter counter) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.uri()))
                .addCommandListener(counter)
                .build());
    }

    private static MongoCollection<Document> freshHistory(MongoClient client) {
        String name = "hist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return client.getDatabase(name).getCollection("ledgerd_history");
    }

    @Test
    void newDocumentsAreInsertedAndOnlyStoredOnesReplaced() {
        CommandCounter counter = new CommandCounter();
        try (MongoClient client = countedClient(counter)) {
            var docs = freshHistory(client);
            HistoryWriter writer = new HistoryWriter(docs, 64L << 20);
            List<Chain> chains = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                chains.add(new Chain("OwnerKey444444444444444444444444444444444" + i, "ins-" + i));
            }
            // New assets, devices and owners: every document is inserted; only the marker is updated.
            counter.reset();
            int written = writer.apply(List.of(
                    new HistoryBlock(1, chains.stream().map(c -> c.create).toList(), Map.of())));
            assertEquals(written, counter.statements("insert"));
            assertEquals(2, counter.statements("update"), "the marker, before and after the pass");
            Set<String> stored = ids(docs.find());

            // Their TRANSFERs with readings: heads, pages and owner shards are stored and replaced; the
            // readings' series documents are new and inserted.
            List<ObjectNode> block = new ArrayList<>();
            Map<String, JsonNode> spent = new java.util.HashMap<>();
            for (Chain c : chains) {
                ObjectNode spends = c.head;
                block.add(c.transfer(readings(1_764_000_000_000L, 5, 1_764_000_000_250L, 7)));
                spent.put(
                        spends.path("id").asText() + ":0",
                        spends.path("outputs").path(0).path("condition").path("details"));
            }
            counter.reset();
            written = writer.apply(List.of(new HistoryBlock(2, block, spent)));
            Set<String> touched = ids(docs.find(Filters.eq("h", 2L)));
            touched.remove(HistoryWriter.APPLIED_MARKER);
            long replaced = touched.stream().filter(stored::contains).count();
            assertEquals(written, touched.size());
            assertTrue(replaced > 0 && replaced < written, replaced + " of " + written + " stored before");
            assertEquals(written - replaced, counter.statements("insert"));
            assertEquals(2 + replaced, counter.statements("update"));
        }
    }

    /**
     * Three simulated hours of one asset's steady stream, 30 readings a second, a pass every 10 s: the
     * bytes a pass sends for its writes stop growing as the series documents fill, and the tail stays
     * within its parts' bound. (A tail holding whole current documents reached 1,727 slots here, and
     * the passes sent 85, 90 and 94 KB on average in the three hours; with parts 72, 75 and 74 KB,
     * mostly the fine levels' documents the tail leaves and the parts stored on their own.)
     */
    @Test
    void aSteadyStreamWritesNoMoreBytesAPassAfterHoursThanInTheFirstHour() {
        CommandCounter counter = new CommandCounter();
        try (MongoClient client = countedClient(counter)) {
            var docs = freshHistory(client);
            HistoryWriter writer = new HistoryWriter(docs, 64L << 20);
            Chain chain = new Chain("OwnerKeyEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE", "steady");
            writer.apply(List.of(new HistoryBlock(1, List.of(chain.create), Map.of())));
            int passSeconds = 10;
            int passesPerHour = 3600 / passSeconds;
            long[] bytesPerHour = new long[3];
            long largestTail = 0;
            long t = 1_764_000_000_000L;
            Random random = new Random(3);
            for (int pass = 0; pass < 3 * passesPerHour; pass++) {
                long[] tv = new long[2 * 30 * passSeconds];
                for (int i = 0; i < tv.length; i += 2) {
                    t += 33;
                    tv[i] = t;
                    tv[i + 1] = random.nextInt(2001) - 1000;
                }
                ObjectNode spends = chain.head;
                ObjectNode transfer = chain.transfer(readings(tv));
                counter.reset();
                writer.apply(List.of(new HistoryBlock(
                        pass + 2,
                        List.of(transfer),
                        Map.of(
                                spends.path("id").asText() + ":0",
                                spends.path("outputs").path(0).path("condition").path("details")))));
                bytesPerHour[pass / passesPerHour] += counter.bytes("insert") + counter.bytes("update");
                Document tail = docs.find(Filters.eq("_id", HistoryWriter.tailId(chain.assetId())))
                        .first();
                long tailSlots = 0;
                for (int level = SeriesLevels.FINEST; level < SeriesLevels.LEVELS; level++) {
                    tailSlots += SeriesTail.part(tail, level).size();
                }
                largestTail = Math.max(largestTail, tailSlots);
            }
            assertTrue(
                    largestTail <= (long) (SeriesLevels.LEVELS - SeriesLevels.FINEST) * SeriesTail.PART_SLOTS,
                    "the tail held " + largestTail + " slots");
            String perPass = String.format(
                    "bytes per pass in the three hours: %d, %d, %d",
                    bytesPerHour[0] / passesPerHour, bytesPerHour[1] / passesPerHour, bytesPerHour[2] / passesPerHour);
            // The parts of the slow levels fill for the first two hours, then cycle.
            assertTrue(bytesPerHour[2] < 1.06 * bytesPerHour[0], perPass);
            assertTrue(bytesPerHour[2] < 1.02 * bytesPerHour[1], perPass);
        }
    }

    @Test
    void aPassRedoneOverInsertsThatLandedReplacesThemWhole() throws Exception {
        List<List<ObjectNode>> blocks = randomBlocks(9, "OwnerKey333333333333333333333333333333333");
        Map<String, Document> whole = uninterrupted(blocks);
        String name = "hist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // This writer's filter of stored ids is read now, from an empty collection, as a writer whose
        // pass failed after its inserts landed still believes those documents new.
        try (LedgerStore stale = LedgerStore.openWithoutHistoryWriter(server.uri(), name)) {
            databases.put(stale, name);
            for (int i = 0; i < blocks.size(); i++) {
                commitWithoutWaiting(stale, i + 1, blocks.get(i));
            }
            try (LedgerStore other = open(name)) {
                awaitHistory(other, blocks.size());
            }
            // Every other document is gone again: the stale writer's inserts meet stored and missing ones.
            try (MongoClient client = MongoClients.create(server.uri())) {
                var docs = client.getDatabase(name).getCollection("ledgerd_history");
                int k = 0;
                for (String id : whole.keySet()) {
                    if (k++ % 2 == 0) {
                        docs.deleteOne(Filters.eq("_id", id));
                    } else {
                        docs.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("h", 0L));
                    }
                }
            }
            stale.historyFeed().applyQueued(0, TimeUnit.SECONDS);
            assertEquals(whole, historyDocuments(stale));
        }
    }

    private static Set<String> ids(Iterable<Document> docs) {
        Set<String> ids = new java.util.HashSet<>();
        docs.forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    @Test
    void aFailingPassIsCountedAndTheWriterRecoversFromTheStoredBlocks() throws Exception {
        Chain chain = new Chain("OwnerKey999999999999999999999999999999999", "fails-1");
        try (LedgerStore store = fresh()) {
            commit(store, 1, List.of(chain.create));
            // A block whose spent output nobody resolved: its pass fails (as a failing history store would).
            ObjectNode orphan = tx("TRANSFER", "ab".repeat(32), 1, chain.owner, null);
            orphan.putObject("asset").put("id", chain.assetId());
            store.followHistory(new HistoryBlock(2, List.of(orphan), Map.of()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (store.historyFeed().failures() == 0) {
                assertTrue(System.nanoTime() < deadline, "the failure is counted");
                Thread.sleep(20);
            }
            // Commit goes on; the writer catches up from the stored blocks, which never held the orphan.
            commit(store, 2, List.of(chain.transfer(readings(1_764_000_000_000L, 5))));
            assertFalse(store.historyFeed().failing());
            assertEquals(
                    2,
                    store.history()
                            .history(chain.assetId(), 100, null)
                            .orElseThrow()
                            .path("total")
                            .asInt());
        }
    }

    @Test
    void aLedgerWithoutHistoryDocumentsGetsThemAtOpen() {
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chains.add(new Chain("OwnerKey666666666666666666666666666666666" + i, "old-" + i));
        }
        try (LedgerStore store = fresh()) {
            commit(store, 1, chains.stream().map(c -> c.create).toList());
            for (int b = 2; b < 6; b++) {
                List<ObjectNode> block = new ArrayList<>();
                for (Chain c : chains) {
                    block.add(c.transfer(readings(1_764_000_000_000L + b * 1000L, b)));
                }
                commit(store, b, block);
            }
            Map<String, Document> built = historyDocuments(store);
            String name = databaseOf(store);
            try (MongoClient client = MongoClients.create(server.uri())) {
                client.getDatabase(name).getCollection("ledgerd_history").drop();
            }
            store.close();
            try (LedgerStore reopened = open(name)) {
                awaitHistory(reopened, 5);
                assertEquals(built, historyDocuments(reopened));
            }
        }
    }

    private static String databaseOf(LedgerStore store) {
        return databases.get(store);
    }

    private static Map<String, Document> snapshot(LedgerStore store) {
        Map<String, Document> all = new java.util.TreeMap<>();
        try (MongoClient client = MongoClients.create(server.uri())) {
            for (Document d : client.getDatabase(databaseOf(store))
                    .getCollection("ledgerd_history")
                    .find()) {
                all.put(d.getString("_id"), d);
            }
        }
        return all;
    }
}
