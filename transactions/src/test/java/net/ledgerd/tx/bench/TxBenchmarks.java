package net.ledgerd.tx.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.ledger.LedgerOverlay;
import net.ledgerd.tx.ledger.LedgerView;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.validation.ValidationException;
import net.ledgerd.tx.validation.ValidationPolicy;
import net.ledgerd.tx.validation.Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Throughput of the checks a node runs on every transaction, on one thread:
 *
 * <ul>
 *   <li>{@code createCheck}: parse + full stateless validation + signature verification of a
 *       765-byte CREATE (the BEP-23 benchmark size)
 *   <li>{@code transferCheck}: parse + the whole rule order against an in-memory ledger holding
 *       the spent output (asset id, amounts, fulfillment against the output condition, signature)
 *   <li>{@code signTransfer}: building and signing a TRANSFER whose metadata holds 250 readings in
 *       columns, as the ingestor makes them (5.8 kB)
 * </ul>
 *
 * {@code keys=same}: every transaction signed by one key (a device or ingestor key, cached);
 * {@code keys=distinct}: 20,000 transactions with 20,000 different keys, more than the key caches
 * hold, so every check decodes its public key.
 *
 * <p>Run: {@code mvn -q -pl transactions test-compile exec:exec@bench} (about 6 minutes), or with
 * {@code -Dbench.short=true} (about 30 s) for CI, keys=same unless {@code -Dbench.keys=distinct}. After JMH (wall-clock throughput) it prints
 * throughput per CPU-second of the benchmark thread, which other load on a shared machine distorts
 * less; {@code -Dbench.jmh=false} prints only that. Target: 15,000 CREATE checks/s on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TxBenchmarks {

    @Param({"same", "distinct"})
    public String keys;

    private byte[][] creates;
    private byte[][] transfers;
    /** The committed ledger the transfers spend from: every CREATE, in memory. */
    private LedgerOverlay ledger;

    private Ed25519KeyPair signer;
    private Transaction spent;
    private ObjectNode readings;

    private int i;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        int n = keys.equals("same") ? 64 : 20_000;
        Ed25519KeyPair shared = Ed25519KeyPair.generate();
        Ed25519KeyPair receiver = Ed25519KeyPair.generate();
        creates = new byte[n][];
        transfers = new byte[n][];
        ledger = new LedgerOverlay(LedgerView.EMPTY);
        for (int k = 0; k < n; k++) {
            Ed25519KeyPair owner = keys.equals("same") ? shared : Ed25519KeyPair.generate();
            SignedTransaction c = typicalCreate(owner, k);
            creates[k] = c.bytes();
            SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0)
                    .metadata(Map.of("reading", k, "note", "handover"))
                    .output(1, receiver.publicKeyBase58())
                    .sign(owner);
            transfers[k] = t.bytes();
            ledger.add(c.transaction());
        }
        signer = shared;
        spent = TransactionBuilder.create(shared)
                .output(1, shared.publicKeyBase58())
                .sign(shared)
                .transaction();
        readings = readingColumns(250);
    }

    /** Metadata like the ingestor's: readings and their Kafka messages in columns. */
    private static ObjectNode readingColumns(int n) {
        var f = JsonNodeFactory.instance;
        var m = f.objectNode();
        var r = m.putObject("readings");
        var t = r.putArray("t");
        var v = r.putArray("v");
        var i = r.putArray("i");
        r.put("tz", "UTC");
        for (int k = 0; k < n; k++) {
            t.add(1_700_000_000L + k);
            v.add(21.5 + (k % 100) / 10.0);
            i.add(k % 10);
        }
        var messages = m.putObject("messages").put("topic", "readings");
        var partition = messages.putArray("partition");
        var offset = messages.putArray("offset");
        var count = messages.putArray("count");
        for (int k = 0; k < n / 10; k++) {
            partition.add(k % 3);
            offset.add(1000 + k);
            count.add(10);
        }
        m.putArray("covered")
                .addObject()
                .put("topic", "readings")
                .put("partition", 0)
                .put("offset", 1024);
        return m;
    }

    /** A CREATE of exactly 765 bytes (canonical JSON), like an IoT reading. */
    public static SignedTransaction typicalCreate(Ed25519KeyPair owner, int seq) {
        int size0 = reading(owner, seq, "").bytes().length;
        SignedTransaction tx = reading(owner, seq, "x".repeat(Math.max(0, 765 - size0)));
        if (tx.bytes().length != 765) {
            throw new IllegalStateException("a reading CREATE has " + tx.bytes().length + " bytes, not 765");
        }
        return tx;
    }

    private static SignedTransaction reading(Ed25519KeyPair owner, int seq, String note) {
        Map<String, Object> asset = new LinkedHashMap<>();
        asset.put("device", String.format("sensor-%06d", seq));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("ts", 1_700_000_000L + seq);
        meta.put("value", 21.5 + (seq % 100) / 10.0);
        meta.put("n", note);
        return TransactionBuilder.create(owner)
                .asset(asset)
                .metadata(meta)
                .output(1, owner.publicKeyBase58())
                .sign(owner);
    }

    @Benchmark
    public Transaction createCheck() throws ValidationException {
        Transaction tx = Transactions.parse(creates[i++ % creates.length]);
        Validator.validate(tx, LedgerView.EMPTY, ValidationPolicy.MEMPOOL);
        return tx;
    }

    @Benchmark
    public Transaction transferCheck() throws ValidationException {
        int k = i++ % transfers.length;
        Transaction tx = Transactions.parse(transfers[k]);
        Validator.validate(tx, ledger, ValidationPolicy.MEMPOOL);
        return tx;
    }

    @Benchmark
    public SignedTransaction signTransfer() {
        return TransactionBuilder.transfer(spent, 0)
                .output(1, signer.publicKeyBase58())
                .metadata(readings)
                .sign(signer);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.getBoolean("bench.short");
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(TxBenchmarks.class.getName() + ".*")
                .forks(1)
                .threads(1)
                .jvmArgsAppend("-Xms512m", "-Xmx512m");
        if (quick) {
            o.warmupIterations(2)
                    .warmupTime(TimeValue.seconds(2))
                    .measurementIterations(2)
                    .measurementTime(TimeValue.seconds(1))
                    .param("keys", System.getProperty("bench.keys", "same"));
        } else {
            o.warmupIterations(5)
                    .warmupTime(TimeValue.seconds(5))
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(5));
        }
        for (String a : args) {
            if (!a.isBlank()) {
                o.include(a);
            }
        }
        if (!"false".equals(System.getProperty("bench.jmh"))) {
            new Runner(o.build()).run();
            System.out.println("(target: createCheck >= 15000 ops/s on one core)");
        }
        System.out.println("Ed25519 verification: " + net.ledgerd.tx.crypto.Ed25519.verifier());
        cpuTimeReport(
                quick ? 3 : 15,
                quick ? new String[] {System.getProperty("bench.keys", "same")} : new String[] {"same", "distinct"});
    }

    private Object run(String which) throws ValidationException {
        return switch (which) {
            case "createCheck" -> createCheck();
            case "transferCheck" -> transferCheck();
            default -> signTransfer();
        };
    }

    /**
     * Throughput per CPU-second of this thread (ThreadMXBean CPU time), which other processes on a
     * shared machine do not distort the way they distort wall-clock throughput.
     */
    static void cpuTimeReport(int seconds, String[] keyModes) throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.println();
        System.out.println(
                "Per CPU-second of one thread (after " + seconds + " s warm-up, over " + seconds + " s of CPU):");
        for (String keys : keyModes) {
            TxBenchmarks b = new TxBenchmarks();
            b.keys = keys;
            b.setup();
            for (String which : new String[] {"createCheck", "transferCheck", "signTransfer"}) {
                long end = mx.getCurrentThreadCpuTime() + seconds * 1_000_000_000L;
                while (mx.getCurrentThreadCpuTime() < end) {
                    for (int k = 0; k < 1000; k++) {
                        Object r = b.run(which);
                        if (r == null) {
                            throw new IllegalStateException();
                        }
                    }
                }
                long ops = 0;
                long start = mx.getCurrentThreadCpuTime();
                end = start + seconds * 1_000_000_000L;
                long now = start;
                while (now < end) {
                    for (int k = 0; k < 1000; k++) {
                        Object r = b.run(which);
                        if (r == null) {
                            throw new IllegalStateException();
                        }
                    }
                    ops += 1000;
                    now = mx.getCurrentThreadCpuTime();
                }
                double perCpuSecond = ops * 1e9 / (now - start);
                System.out.printf(
                        "  %-14s keys=%-8s %,10.0f ops per CPU-second  (%.1f us CPU per op)%n",
                        which, keys, perCpuSecond, 1e6 / perCpuSecond);
            }
        }
    }
}
