package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.ledgerd.testkit.MongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A micro-benchmark, not a test (its name keeps it out of the suite): FerretDB's CPU per transaction
 * for the history writer's passes alone, one pass per block, read from FerretDB's {@code
 * /proc/PID/stat} around each pass, with the commands the passes sent, and the writer's own Java CPU
 * (the CPU time of the thread calling {@code apply}: the pass and the driver's encoding of its
 * writes). Run it on a quiet machine:
 *
 * <pre>mvn -B -q -ntp -pl abci-app -am test -Dtest=HistoryWriteCost
 * -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * (a) the bench's CREATEs: blocks of 500, each a new asset with a new device, signed by 1,000 keys
 * in turn; (b) the ingestor's TRANSFERs: 200 assets ({@code -Dcost.assets}), blocks of one TRANSFER
 * per asset with 10 readings each (series documents at every level), after {@code
 * -Dcost.warmupSeconds} (default 0) of the same stream written unmeasured, so the series documents
 * are as full as a long-running member's; (c) the ingestor's TRANSFERs as it sends them at 10,000
 * readings/s: 60 assets ({@code -Dcost.columnAssets}), blocks of one TRANSFER per asset with 150 to
 * 500 readings in columns, timestamps in ms 2 to 5 ms apart, after {@code -Dcost.warmupBlocks}
 * (default 30) blocks written unmeasured (the JIT compiles the writer there).
 */
class HistoryWriteCost {
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

    @Test
    void benchCreates() throws IOException {
        List<HistoryBlock> blocks = new ArrayList<>();
        int seq = 0;
        for (int b = 1; b <= 10; b++) {
            List<ObjectNode> block = new ArrayList<>();
            for (int i = 0; i < 500; i++, seq++) {
                ObjectNode tx = uniformId(HistoryStoreTest.tx("CREATE", null, 0, key(seq % 1000), null));
                tx.putObject("asset")
                        .putObject("data")
                        .put("device", String.format("s%09d", seq))
                        .put("run", "r");
                tx.putObject("metadata").put("ts", 1_700_000_000L + seq).put("pad", "x".repeat(300));
                block.add(tx);
            }
            blocks.add(new HistoryBlock(b, block, Map.of()));
        }
        measure("bench CREATEs, 10 blocks of 500", List.of(), blocks);
    }

    /** The CREATE of each of {@code assets} ingestor assets: device {@code dev-<a>}, key temperature, unit C. */
    private static List<ObjectNode> ingestorCreates(int assets) {
        List<ObjectNode> creates = new ArrayList<>();
        for (int a = 0; a < assets; a++) {
            ObjectNode tx = uniformId(HistoryStoreTest.tx("CREATE", null, 0, key(a), null));
            tx.putObject("asset")
                    .putObject("data")
                    .put("device", "dev-" + a)
                    .put("key", "temperature")
                    .put("unit", "C");
            creates.add(tx);
        }
        return creates;
    }

    @Test
    void ingestorTransfers() throws IOException {
        int assets = Integer.getInteger("cost.assets", 200);
        int warmupSeconds = Integer.getInteger("cost.warmupSeconds", 0);
        List<ObjectNode> creates = ingestorCreates(assets);
        List<ObjectNode> heads = new ArrayList<>(creates);
        List<HistoryBlock> setup = new ArrayList<>(List.of(new HistoryBlock(1, creates, Map.of())));
        long second = 0;
        // A stream that has run for a while: its series documents are as full as that makes them.
        for (; second < warmupSeconds; second += 10) {
            setup.add(transfers(setup.size() + 1, creates, heads, second, 10));
        }
        List<HistoryBlock> blocks = new ArrayList<>();
        for (int b = 0; b < 20; b++, second++) {
            blocks.add(transfers(setup.size() + b + 1, creates, heads, second, 1));
        }
        measure(
                String.format(
                        "ingestor TRANSFERs, 20 blocks of %d with 10 readings each, after %d s of readings",
                        assets, warmupSeconds),
                setup,
                blocks);
    }

    @Test
    void ingestorColumnTransfers() throws IOException {
        int assets = Integer.getInteger("cost.columnAssets", 60);
        int warmupBlocks = Integer.getInteger("cost.warmupBlocks", 30);
        int measuredBlocks = 30;
        Random random = new Random(7);
        List<ObjectNode> creates = ingestorCreates(assets);
        List<ObjectNode> heads = new ArrayList<>(creates);
        long[] clocks = new long[assets];
        for (int a = 0; a < assets; a++) {
            clocks[a] = 1_764_000_000_000L + random.nextInt(1000);
        }
        List<HistoryBlock> setup = new ArrayList<>(List.of(new HistoryBlock(1, creates, Map.of())));
        for (int b = 0; b < warmupBlocks; b++) {
            setup.add(columnTransfers(setup.size() + 1, creates, heads, clocks, random));
        }
        List<HistoryBlock> blocks = new ArrayList<>();
        long readings = 0;
        for (int b = 0; b < measuredBlocks; b++) {
            HistoryBlock block = columnTransfers(setup.size() + b + 1, creates, heads, clocks, random);
            for (ObjectNode tx : block.transactions()) {
                readings += tx.path("metadata").path("readings").path("t").size();
            }
            blocks.add(block);
        }
        measure(
                String.format(
                        "ingestor column TRANSFERs, %d blocks of %d with %.0f readings each on average, after %d"
                                + " blocks",
                        measuredBlocks, assets, (double) readings / measuredBlocks / assets, warmupBlocks),
                setup,
                blocks);
    }

    /**
     * A block of one TRANSFER per asset in the ingestor's metadata shape (built here as the
     * ingestor's ReadingTransactions does, that module not being a dependency): 150 to 500 readings
     * each, continuing the asset's clock 2 to 5 ms a reading.
     */
    private static HistoryBlock columnTransfers(
            long height, List<ObjectNode> creates, List<ObjectNode> heads, long[] clocks, Random random) {
        List<ObjectNode> block = new ArrayList<>();
        Map<String, JsonNode> spent = new HashMap<>();
        for (int a = 0; a < creates.size(); a++) {
            ObjectNode meta = JSON.createObjectNode();
            ObjectNode readings = meta.putObject("readings");
            ArrayNode t = readings.putArray("t");
            readings.put("tz", "UTC");
            ArrayNode v = readings.putArray("v");
            ArrayNode i = readings.putArray("i");
            int n = 150 + random.nextInt(351);
            for (int r = 0; r < n; r++) {
                clocks[a] += 2 + random.nextInt(4);
                t.add(clocks[a]);
                v.add(Math.round((20 + 5 * Math.sin(clocks[a] / 60_000.0) + random.nextGaussian()) * 100) / 100.0);
                i.add(r % 50);
            }
            ObjectNode messages = meta.putObject("messages").put("topic", "readings");
            for (int m = 0; m < n / 50 + 1; m++) {
                messages.withArray("partition").add(a % 12);
                messages.withArray("offset").add(height * 100 + m);
                messages.withArray("count").add(Math.min(50, n - m * 50));
            }
            meta.putArray("covered")
                    .addObject()
                    .put("topic", "readings")
                    .put("partition", a % 12)
                    .put("offset", height * 100 + n / 50);
            block.add(chained(height, creates, heads, a, meta, spent));
        }
        return new HistoryBlock(height, block, spent);
    }

    /** A block of one TRANSFER per asset with 10 readings a second from {@code second} on, 100 ms apart. */
    private static HistoryBlock transfers(
            long height, List<ObjectNode> creates, List<ObjectNode> heads, long second, int seconds) {
        long t = 1_764_000_000_000L + second * 1000;
        List<ObjectNode> block = new ArrayList<>();
        Map<String, JsonNode> spent = new HashMap<>();
        for (int a = 0; a < creates.size(); a++) {
            ObjectNode meta = JSON.createObjectNode();
            ArrayNode readings = meta.putArray("readings");
            for (int r = 0; r < 10 * seconds; r++) {
                readings.addObject()
                        .put("t", t + r * 100L)
                        .put("tz", "UTC")
                        .put("v", (a + r) / 10.0)
                        .put("o", 0)
                        .put("i", r);
            }
            block.add(chained(height, creates, heads, a, meta, spent));
        }
        return new HistoryBlock(height, block, spent);
    }

    /** Asset {@code a}'s next TRANSFER with {@code meta}, spending its head: recorded as the new head and in {@code spent}. */
    private static ObjectNode chained(
            long height,
            List<ObjectNode> creates,
            List<ObjectNode> heads,
            int a,
            ObjectNode meta,
            Map<String, JsonNode> spent) {
        ObjectNode head = heads.get(a);
        ObjectNode tx =
                uniformId(HistoryStoreTest.tx("TRANSFER", head.path("id").asText(), (int) height, key(a), meta));
        tx.putObject("asset").put("id", creates.get(a).path("id").asText());
        spent.put(
                head.path("id").asText() + ":0",
                head.path("outputs").path(0).path("condition").path("details"));
        heads.set(a, tx);
        return tx;
    }

    private static final Random IDS = new Random(42);

    /** A transaction id as SHA3-256 gives them: its first hex digit, the owner shard, is uniform. */
    private static ObjectNode uniformId(ObjectNode tx) {
        byte[] id = new byte[32];
        IDS.nextBytes(id);
        return tx.put("id", HexFormat.of().formatHex(id));
    }

    private static String key(int n) {
        return String.format("OwnerKey%035d", n);
    }

    private static void measure(String load, List<HistoryBlock> setup, List<HistoryBlock> blocks) throws IOException {
        CommandCounter counter = new CommandCounter();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.uri()))
                .addCommandListener(counter)
                .build();
        long pid = server.process().orElseThrow().pid();
        try (MongoClient client = MongoClients.create(settings)) {
            var docs = client.getDatabase("cost_" + UUID.randomUUID().toString().substring(0, 8))
                    .getCollection("ledgerd_history");
            HistoryWriter writer = new HistoryWriter(docs, 64L << 20);
            for (HistoryBlock b : setup) {
                writer.apply(List.of(b));
            }
            counter.reset();
            long ticks = 0;
            long transactions = 0;
            long written = 0;
            long wallNanos = 0;
            long javaNanos = 0;
            long userNanos = 0;
            long[] passNanos = new long[blocks.size()];
            int pass = 0;
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (HistoryBlock b : blocks) {
                long before = cpuTicks(pid);
                long started = System.nanoTime();
                long javaBefore = threads.getCurrentThreadCpuTime();
                long userBefore = threads.getCurrentThreadUserTime();
                written += writer.apply(List.of(b));
                passNanos[pass++] = threads.getCurrentThreadCpuTime() - javaBefore;
                javaNanos += passNanos[pass - 1];
                userNanos += threads.getCurrentThreadUserTime() - userBefore;
                wallNanos += System.nanoTime() - started;
                ticks += cpuTicks(pid) - before;
                transactions += b.transactions().size();
            }
            double msPerTick = 1000.0 / 100; // USER_HZ
            System.out.printf(
                    "%s: FerretDB CPU %.3f ms per transaction (%d ms for %d transactions, %.1f ms per pass),"
                            + " pass wall %.3f ms per transaction; %.1f KB of writes sent per pass; per"
                            + " transaction: %.2f documents written, %s%n",
                    load,
                    ticks * msPerTick / transactions,
                    Math.round(ticks * msPerTick),
                    transactions,
                    ticks * msPerTick / blocks.size(),
                    wallNanos / 1e6 / transactions,
                    (counter.bytes("insert") + counter.bytes("update")) / 1024.0 / blocks.size(),
                    (double) written / transactions,
                    counter.perTransaction(transactions));
            System.out.printf(
                    "%s: writer thread CPU %.2f ms per pass, median %.2f (user %.2f, system %.2f: the sends),"
                            + " %.3f ms per transaction%n",
                    load,
                    javaNanos / 1e6 / blocks.size(),
                    Arrays.stream(passNanos).sorted().toArray()[blocks.size() / 2] / 1e6,
                    userNanos / 1e6 / blocks.size(),
                    (javaNanos - userNanos) / 1e6 / blocks.size(),
                    javaNanos / 1e6 / transactions);
        }
    }

    /** utime + stime of a process, in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
