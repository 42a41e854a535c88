package net.ledgerd.app.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import net.ledgerd.app.cli.AppConfig;
import net.ledgerd.app.node.AppNode;
import net.ledgerd.testkit.BigchainDbServer;
import net.ledgerd.testkit.FreePorts;
import net.ledgerd.testkit.MongoServer;
import org.junit.jupiter.api.Test;

/**
 * The differential test against the real BigchainDB 2.2.2: the corpus of
 * {@code transactions/compat/py/make_corpus.py} (the official Python and JavaScript drivers and
 * mutations of their transactions) goes through BigchainDB's own server and through ours in
 * lockstep ({@link Lockstep}: this test plays Tendermint for both, so both see the same blocks and
 * every item reaches DeliverTx), then the HTTP APIs are read ({@link ApiComparison}). Every
 * CheckTx and DeliverTx verdict, every app hash and every API body must be the same, or be listed
 * with its reason in {@code compat/known-differences.json}; an entry there that no longer differs
 * fails the test too.
 *
 * <p>CI runs one batch (~225 transactions); {@code -Dledgerd.differential.batches=15} is the full
 * run (~3,400), {@code -Dledgerd.differential.apiPerFamily=N} reads the API for N committed items
 * per family and batch (default 1), {@code -Dledgerd.differential.families=elections|chain} runs only
 * those families. Besides verdicts, app hashes and API bodies, every EndBlock's validator updates
 * are compared (the {@code elections} family). The table and every difference go to {@code
 * target/differential/}.
 */
class DifferentialTest {
    private static final int SEED = 1;

    @Test
    void sameVerdictsAppHashesAndApiBodiesAsBigchainDb() {
        int batches = Integer.getInteger("ledgerd.differential.batches", 1);
        Path work = Path.of("target", "differential").toAbsolutePath();
        // the drivers make the corpus while the servers start
        CompletableFuture<List<Corpus.Item>> making =
                CompletableFuture.supplyAsync(() -> Corpus.generate(SEED, batches, ensureDir(work)));
        try (MongoServer mongo = MongoServer.start();
                BigchainDbServer bigchaindb = BigchainDbServer.builder()
                        .name("differential-bigchaindb")
                        .mongo(mongo)
                        .database("bigchain_" + System.nanoTime())
                        // nothing listens there: the lockstep plays Tendermint, and no test posts to BigchainDB's API
                        .tendermintRpc("127.0.0.1", FreePorts.next())
                        .build()
                        .start();
                AppNode ours = startOurs(mongo);
                AbciPeer referencePeer = new AbciPeer("bigchaindb", bigchaindb.abciHost(), bigchaindb.abciPort());
                AbciPeer oursPeer = new AbciPeer("ledgerd", "127.0.0.1", ours.abciPort())) {
            // -Dledgerd.differential.families=a|b runs only those families (when working on one)
            String families = System.getProperty("ledgerd.differential.families");
            List<Corpus.Item> corpus = making.join().stream()
                    .filter(i -> families == null || i.family().matches(families))
                    .toList();
            long started = System.nanoTime();
            Lockstep lockstep = new Lockstep(referencePeer, oursPeer);
            lockstep.initChain();
            lockstep.run(corpus);
            long blocksDone = System.nanoTime();
            List<Check> api = new ApiComparison("http://127.0.0.1:" + ours.httpPort(), bigchaindb.httpUrl())
                    .compare(lockstep, Integer.getInteger("ledgerd.differential.apiPerFamily", 1));
            assertTrue(bigchaindb.isRunning(), "BigchainDB stopped during the run; " + bigchaindb.describeLog());
            DifferentialReport report = new DifferentialReport(lockstep, api, KnownDifferences.load());
            report.write(work);
            System.out.printf(
                    "differential: %d transactions in %d blocks (%.1f s: BigchainDB answering %.1f s, ours %.1f s),"
                            + " %d API reads (%.1f s); seed %d, %d batches%n%s",
                    corpus.size(),
                    lockstep.blocks().size(),
                    (blocksDone - started) / 1e9,
                    referencePeer.busySeconds(),
                    oursPeer.busySeconds(),
                    api.size() * 2,
                    (System.nanoTime() - blocksDone) / 1e9,
                    SEED,
                    batches,
                    report.table());
            StringBuilder failures = new StringBuilder();
            if (!report.undocumented().isEmpty()) {
                failures.append(report.undocumented().size())
                        .append(" differences from BigchainDB 2.2.2 that known-differences.json does not list:\n")
                        .append(report.undocumented().stream()
                                .map(c -> "  " + DifferentialReport.describe(c))
                                .collect(Collectors.joining("\n")))
                        .append('\n');
            }
            if (!report.stale().isEmpty()) {
                failures.append("known-differences.json entries that no longer differ (remove them):\n")
                        .append(report.stale().stream()
                                .map(e -> "  " + e.describe())
                                .collect(Collectors.joining("\n")))
                        .append('\n');
            }
            if (failures.length() > 0) {
                fail(failures + "(all differences: " + work.resolve("differences.jsonl") + ")");
            }
        }
    }

    private static AppNode startOurs(MongoServer mongo) {
        Map<String, String> flags = new HashMap<>();
        flags.put("abci.address", "127.0.0.1:" + FreePorts.next());
        flags.put("mongodb.uri", mongo.uri());
        flags.put("mongodb.database", "ledgerd_" + System.nanoTime());
        flags.put("http.address", "127.0.0.1:0");
        flags.put("tendermint.rpc", "http://127.0.0.1:" + FreePorts.next());
        return AppNode.start(AppConfig.load(null, Map.of(), flags));
    }

    private static Path ensureDir(Path dir) {
        try {
            return java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
    }
}
