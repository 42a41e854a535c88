package net.ledgerd.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ledgerd.bench.report.CeilingShares;
import net.ledgerd.bench.report.CsvReport;
import net.ledgerd.bench.report.HtmlReport;
import net.ledgerd.bench.report.RunSummary;
import net.ledgerd.bench.report.TargetRun;
import net.ledgerd.bench.send.Load;
import net.ledgerd.bench.send.LoadDriver;
import net.ledgerd.bench.send.SinkServer;
import net.ledgerd.bench.send.Transport;
import net.ledgerd.bench.send.TxLog;
import net.ledgerd.bench.track.CommitTracker;
import net.ledgerd.bench.workload.Workload;
import net.ledgerd.bench.workload.WorkloadFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = net.ledgerd.bench.history.HistoryBench.class,
        sortOptions = false,
        header = "BEP-23 throughput benchmark: our four members against Tendermint's ceilings, same load, same run.",
        description = {
            "Signs 765-byte CREATEs (and TRANSFERs of committed ones) before the timed run, measures",
            "how fast the sender alone can send (to an in-process stub), then drives the same load",
            "against each network of --targets in turn: our members (HTTP API or Tendermint RPC), four",
            "Tendermint 0.31.5 nodes running the built-in noop app (noop), four running Tendermint's",
            "example app abci-cli kvstore over the ABCI socket (kvstore). For every transaction it",
            "records send, accept and commit times (commit: the block's NewBlockHeader event on the",
            "websocket of the member it was sent to) and prints sent, accepted and committed tx/s,",
            "latency percentiles and each network's committed throughput as a share of the noop",
            "ceiling. Writes bench.csv (one row per transaction) and bench.html (plots) into --out.",
            "The networks must be running: network/bin/bench starts them, runs this and stops them."
        })
public final class BenchCli implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    @Option(
            names = "--duration",
            paramLabel = "TIME",
            description = "Send for this long per network, e.g. 60s, 2m (default 60s unless --count).")
    String duration;

    @Option(names = "--count", paramLabel = "N", description = "Send this many transactions per network instead.")
    int count;

    @Option(
            names = "--rate",
            paramLabel = "TX/S",
            defaultValue = "0",
            description = "Fixed send rate; 0 (default) is a closed loop: each sender sends again on its answer.")
    double rate;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "32",
            description = "Requests in flight at most (sender threads; default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--transfers",
            paramLabel = "SHARE",
            defaultValue = "0.1",
            description = "Share of sends that are TRANSFERs of committed CREATEs (default ${DEFAULT-VALUE}).")
    double transfers;

    @Option(
            names = "--via",
            paramLabel = "WAY",
            defaultValue = "rpc-async",
            description = "rpc-async (broadcast_tx_async, default), rpc-sync (broadcast_tx_sync) or api-sync"
                    + " (POST /api/v1/transactions?mode=sync, as BigchainDB's benchmark; the noop and kvstore"
                    + " networks, which have no API, then get rpc-sync).")
    String via;

    @Option(
            names = "--targets",
            split = ",",
            paramLabel = "NAME",
            defaultValue = "ours,noop",
            description = "Networks to run against, in order: ours, noop, kvstore (default ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(
            names = "--ours-rpc",
            split = ",",
            paramLabel = "URL",
            defaultValue =
                    "http://127.0.0.11:26657,http://127.0.0.12:26657,http://127.0.0.13:26657,http://127.0.0.14:26657",
            description = "Our members' Tendermint RPC (default: the local network).")
    List<URI> oursRpc;

    @Option(
            names = "--ours-api",
            split = ",",
            paramLabel = "URL",
            defaultValue =
                    "http://127.0.0.11:9984,http://127.0.0.12:9984,http://127.0.0.13:9984,http://127.0.0.14:9984",
            description = "Our members' HTTP API, in the same order (default: the local network).")
    List<URI> oursApi;

    @Option(
            names = "--noop-rpc",
            split = ",",
            paramLabel = "URL",
            defaultValue =
                    "http://127.0.0.21:26657,http://127.0.0.22:26657,http://127.0.0.23:26657,http://127.0.0.24:26657",
            description = "The noop nodes' RPC (default: network/bin/ceiling-network's addresses).")
    List<URI> noopRpc;

    @Option(
            names = "--kvstore-rpc",
            split = ",",
            paramLabel = "URL",
            defaultValue =
                    "http://127.0.0.31:26657,http://127.0.0.32:26657,http://127.0.0.33:26657,http://127.0.0.34:26657",
            description = "The kvstore nodes' RPC (default: network/bin/ceiling-network --app kvstore's addresses).")
    List<URI> kvstoreRpc;

    @Option(
            names = "--keys",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Signing keys the CREATEs rotate through (default ${DEFAULT-VALUE}).")
    int keys;

    @Option(
            names = "--pool",
            paramLabel = "N",
            description = "CREATEs to sign beforehand (default: --count, or rate x duration, or 2,500/s x duration).")
    int pool;

    @Option(
            names = "--workload-file",
            paramLabel = "FILE",
            description = "Reuse the signed transactions in FILE when it holds enough, else sign and save them there."
                    + " Only for new chains: a chain that saw them refuses them as duplicates.")
    Path workloadFile;

    @Option(
            names = "--warmup",
            paramLabel = "TIME",
            defaultValue = "15s",
            description = "Before each network's timed run, send CREATEs (not counted) this long, so that the members'"
                    + " JIT compilers, caches and connections are warm (default ${DEFAULT-VALUE}; 0s: none).")
    String warmup;

    @Option(
            names = "--drain",
            paramLabel = "TIME",
            defaultValue = "30s",
            description = "After sending, wait this long at most for accepted transactions to commit"
                    + " (ends earlier when all did or none committed for 10 s).")
    String drain;

    @Option(
            names = "--sender-check",
            paramLabel = "TIME",
            defaultValue = "5s",
            description = "Measure the sender alone against an in-process stub this long first (0s: skip).")
    String senderCheck;

    @Option(
            names = "--backoff",
            paramLabel = "TIME",
            defaultValue = "100ms",
            description = "A sender refused with a full mempool waits this long (default ${DEFAULT-VALUE}).")
    String backoff;

    @Option(
            names = "--request-timeout",
            paramLabel = "TIME",
            defaultValue = "30s",
            description = "Timeout of each request (default ${DEFAULT-VALUE}).")
    String requestTimeout;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "bench-results",
            description = "Where bench.csv and bench.html go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--note",
            paramLabel = "TEXT",
            description = "A line for the report (repeatable), e.g. the configuration under test.")
    List<String> notes = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCli()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Transport.Via way = Transport.Via.parse(via);
        List<Target> networks;
        try {
            networks = Target.parseAll(targets);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        Duration runFor = count > 0 ? null : parseDuration(duration == null ? "60s" : duration, "--duration");
        Load load = new Load(runFor, count, concurrency, rate, transfers, parseDuration(backoff, "--backoff"), 20);
        Duration warm = parseDuration(warmup, "--warmup");
        int warmCreates = warm.isZero() ? 0 : (int) Math.ceil((rate > 0 ? rate * 1.1 : 1500) * warm.toSeconds());
        int creates = pool > 0
                ? pool
                : warmCreates
                        + (count > 0 ? count : (int) Math.ceil((rate > 0 ? rate * 1.1 : 2500) * runFor.toSeconds()));
        Files.createDirectories(out);

        System.out.printf("machine: %s%n", Machine.describe());
        System.out.printf("load: %s, via %s%n", load.describe(), way.label);
        Workload workload = workload(creates, (int) Math.floor(creates * transfers));

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
        List<String> reportNotes = new ArrayList<>(notes);
        reportNotes.add("machine: " + Machine.describe());
        reportNotes.add("load: " + load.describe() + "; " + Workload.CREATE_SIZE + "-byte CREATEs signed by " + keys
                + " keys; run at " + Instant.now());

        Duration check = parseDuration(senderCheck, "--sender-check");
        if (!check.isZero()) {
            double max = senderCheck(workload, way, check, load);
            String line = String.format(
                    Locale.ROOT,
                    "sender alone (%s to an in-process stub, %d in flight): %,.0f requests/s",
                    way.withoutApi() == way ? way.label : way.label,
                    concurrency,
                    max);
            System.out.println(line);
            reportNotes.add(line);
        }

        List<TargetRun> runs = new ArrayList<>();
        for (Target target : networks) {
            Transport.Via targetVia = target.hasApi() ? way : way.withoutApi();
            List<URI> rpcs = rpcOf(target);
            List<URI> sendTo = targetVia == Transport.Via.API_SYNC ? oursApi : rpcs;
            System.out.printf("%n== %s: %s, %d members ==%n", target.option(), targetVia.label, rpcs.size());
            Transport transport = Transport.of(targetVia, sendTo, parseDuration(requestTimeout, "--request-timeout"));
            Workload measured = workload;
            if (!warm.isZero()) {
                int used = warmUp(http, workload, transport, rpcs, load, warm, warmCreates);
                System.out.printf("  warm-up: %,d CREATEs sent in %d s (not counted)%n", used, warm.toSeconds());
                measured = workload.suffix(used);
            }
            runs.add(runAgainst(target.label, http, measured, transport, rpcs, load, parseDuration(drain, "--drain")));
            System.out.println(runs.get(runs.size() - 1).summary().describe());
        }

        List<RunSummary> summaries = runs.stream().map(TargetRun::summary).toList();
        System.out.println();
        for (String line : CeilingShares.lines(summaries, Target.CEILING.label)) {
            System.out.println(line);
            reportNotes.add(line);
        }
        Path csv = out.resolve("bench.csv");
        Path html = out.resolve("bench.html");
        CsvReport.write(csv, runs);
        HtmlReport.write(html, "ledgerd benchmark (BEP-23 method)", reportNotes, summaries);
        System.out.println("wrote " + csv + " and " + html);
        boolean anyCommitted = summaries.stream().allMatch(s -> s.committed() > 0);
        return anyCommitted ? 0 : 3;
    }

    private List<URI> rpcOf(Target target) {
        return switch (target) {
            case OURS -> oursRpc;
            case NOOP -> noopRpc;
            case KVSTORE -> kvstoreRpc;
        };
    }

    private Workload workload(int creates, int transferCount) throws IOException {
        long g0 = System.nanoTime();
        if (workloadFile != null && Files.exists(workloadFile)) {
            Workload saved = WorkloadFile.read(workloadFile);
            if (saved.creates().size() >= creates && saved.transfers().size() >= transferCount) {
                System.out.printf(
                        "read %,d CREATEs and %,d TRANSFERs signed earlier from %s%n",
                        creates, transferCount, workloadFile);
                return saved.prefix(creates, transferCount);
            }
        }
        Workload w = Workload.generate(creates, transferCount, keys);
        System.out.printf(
                "signed %,d CREATEs of %d bytes and %,d TRANSFERs with %,d keys in %.1f s%n",
                w.creates().size(), Workload.CREATE_SIZE, w.transfers().size(), keys, (System.nanoTime() - g0) / 1e9);
        if (workloadFile != null) {
            WorkloadFile.write(workloadFile, w);
        }
        return w;
    }

    private static TargetRun runAgainst(
            String name,
            HttpClient http,
            Workload workload,
            Transport transport,
            List<URI> rpcs,
            Load load,
            Duration drain)
            throws IOException, InterruptedException {
        TxLog log = new TxLog(workload.size());
        CommitTracker tracker = new CommitTracker(http, rpcs, workload, log);
        tracker.start();
        LoadDriver.Sent sent;
        try {
            sent = new LoadDriver(workload, transport, tracker, log, load).run();
            if (sent.workloadExhausted() && load.duration() != null) {
                System.out.println("  (the signed workload ran out before the duration; raise --pool)");
            }
            waitForCommits(tracker, log, drain);
        } finally {
            tracker.close();
        }
        if (tracker.failure() != null) {
            System.out.println("  warning: " + tracker.failure());
        }
        if (tracker.slowAnswers() != null) {
            System.out.println("  note: " + tracker.slowAnswers());
        }
        long[] commitTimes = new long[log.size()];
        for (int i = 0; i < log.size(); i++) {
            commitTimes[i] = tracker.commitTime(i);
        }
        RunSummary summary = RunSummary.of(name, transport.describe(), load.describe(), sent, log, i -> commitTimes[i]);
        return new TargetRun(summary, workload, log, commitTimes);
    }

    /**
     * Sends only CREATEs from the start of the workload for {@code time} with the run's concurrency and rate, waits
     * for them to commit (at most 30 s), and returns how many CREATEs it used; the timed run takes the rest.
     */
    private static int warmUp(
            HttpClient http, Workload workload, Transport transport, List<URI> rpcs, Load load, Duration time, int max)
            throws IOException, InterruptedException {
        Workload warm = workload.prefix(Math.min(max, workload.creates().size() - 1), 0);
        TxLog log = new TxLog(warm.size());
        CommitTracker tracker = new CommitTracker(http, rpcs, warm, log);
        tracker.start();
        try {
            new LoadDriver(
                            warm,
                            transport,
                            tracker,
                            log,
                            new Load(time, 0, load.concurrency(), load.rate(), 0, load.backoff(), load.maxAttempts()))
                    .run();
            waitForCommits(tracker, log, Duration.ofSeconds(30));
        } finally {
            tracker.close();
        }
        int used = 0;
        for (int i = 0; i < warm.size(); i++) {
            if (log.attempts(i) > 0) {
                used = i + 1;
            }
        }
        return used;
    }

    /** Until every accepted transaction committed, nothing committed for 10 s, or the drain time is over. */
    private static void waitForCommits(CommitTracker tracker, TxLog log, Duration drain) throws InterruptedException {
        long accepted = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.accept(i) > 0) {
                accepted++;
            }
        }
        long end = System.nanoTime() + drain.toNanos();
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < end && tracker.committed() < accepted && tracker.failure() == null) {
            long now = tracker.committed();
            if (now != lastCount) {
                lastCount = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(10).toNanos()) {
                break;
            }
            Thread.sleep(100);
        }
    }

    private static double senderCheck(Workload workload, Transport.Via way, Duration time, Load load)
            throws IOException, InterruptedException {
        try (SinkServer sink = new SinkServer()) {
            List<URI> sinks = List.of(sink.uri(), sink.uri(), sink.uri(), sink.uri());
            Transport transport = Transport.of(way, sinks, Duration.ofSeconds(10));
            Load alone = new Load(time, 0, load.concurrency(), 0, 0, load.backoff(), 1);
            LoadDriver.Sent sent = new LoadDriver(workload, transport, null, new TxLog(workload.size()), alone).run();
            return sent.requests() / sent.seconds();
        }
    }

    static Duration parseDuration(String text, String option) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    option + " must be a duration such as 500ms, 30s or 2m, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
