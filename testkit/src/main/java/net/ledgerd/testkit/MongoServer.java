package net.ledgerd.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real MongoDB-protocol server for a test, chosen in this order:
 * <ol>
 *   <li>the server named by the environment variable {@value #URI_ENV} (nothing is started);</li>
 *   <li>{@code mongod} on PATH, started on a free port with a temporary dbpath;</li>
 *   <li>FerretDB v1 from {@code .tools/bin} with its SQLite backend in a temporary directory.</li>
 * </ol>
 * {@link #start()} returns once the server accepts TCP connections and answers {@code hello}.
 * {@link #close()} stops the process and deletes its data. Tests should use a database name of their
 * own, so one server can serve several tests.
 */
public final class MongoServer implements AutoCloseable {
    public static final String URI_ENV = "LEDGERD_TEST_MONGODB_URI";

    /** What serves the MongoDB protocol. */
    public enum Kind {
        EXTERNAL,
        MONGOD,
        FERRETDB
    }

    private final Kind kind;
    private final String uri;
    private final ChildProcess process;
    private final Path dataDir;
    /** FerretDB's debug HTTP port (Go's pprof among others), 0 for other servers. */
    private final int debugPort;

    private MongoServer(Kind kind, String uri, ChildProcess process, Path dataDir, int debugPort) {
        this.kind = kind;
        this.uri = uri;
        this.process = process;
        this.dataDir = dataDir;
        this.debugPort = debugPort;
    }

    /** Starts (or, with {@value #URI_ENV} set, attaches to) a server; see the class comment for the order. */
    public static MongoServer start() {
        String external = System.getenv(URI_ENV);
        if (external != null && !external.isBlank()) {
            return new MongoServer(Kind.EXTERNAL, external, null, null, 0);
        }
        Optional<Path> mongod = Tools.mongod();
        Path binary = mongod.orElseGet(Tools::ferretdb); // throws, naming network/bin/setup, when neither exists
        int port = FreePorts.next();
        Path dataDir = TempDirs.create("ledgerd-mongo-");
        Kind kind = mongod.isPresent() ? Kind.MONGOD : Kind.FERRETDB;
        int debugPort = kind == Kind.FERRETDB ? FreePorts.next() : 0;
        List<String> command = kind == Kind.MONGOD
                ? List.of(
                        binary.toString(),
                        "--dbpath",
                        dataDir.toString(),
                        "--bind_ip",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(port),
                        "--nounixsocket",
                        "--quiet")
                : List.of(
                        binary.toString(),
                        "--handler=sqlite",
                        // synchronous=NORMAL as network/bin/supervise-member runs it (the reasons are there)
                        "--sqlite-url=file:" + dataDir + "/?_pragma=synchronous(normal)",
                        "--state-dir=" + dataDir,
                        "--listen-addr=127.0.0.1:" + port,
                        "--telemetry=disable",
                        "--debug-addr=127.0.0.1:" + debugPort,
                        "--log-level=warn");
        ChildProcess process = ChildProcess.start(kind.name().toLowerCase() + "-" + port, command, Map.of());
        MongoServer server = new MongoServer(kind, "mongodb://127.0.0.1:" + port + "/", process, dataDir, debugPort);
        try {
            Duration timeout = Duration.ofSeconds(30);
            Instant deadline = Instant.now().plus(timeout);
            FreePorts.awaitAccepting("127.0.0.1", port, timeout, process);
            while (!MongoWire.answersHello("127.0.0.1", port, Duration.ofSeconds(2))) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(process.name() + " accepts connections on " + port
                            + " but does not answer hello; " + process.describeLog());
                }
                FreePorts.sleep(100);
            }
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** mongodb://127.0.0.1:PORT/ (or the external URI as given). */
    public String uri() {
        return uri;
    }

    public Kind kind() {
        return kind;
    }

    /** FerretDB lacks some MongoDB features (text indexes, $lookup, $natural sort, ...); tests may adapt. */
    public boolean isFerretDb() {
        return kind == Kind.FERRETDB;
    }

    /**
     * For a failure message: FerretDB's goroutines grouped by stack (Go's pprof, debug=1), or why
     * there are none. A test can then tell a stalled database from a stalled application.
     */
    public String goroutineDump() {
        if (debugPort == 0) {
            return "(no goroutine dump: the server is " + kind + ")";
        }
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + debugPort + "/debug/pprof/goroutine?debug=1"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            return "(no goroutine dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no goroutine dump: interrupted)";
        }
    }

    public String host() {
        return URI.create(uri).getHost();
    }

    public int port() {
        int port = URI.create(uri).getPort();
        return port == -1 ? 27017 : port;
    }

    /** The child's log file; empty for an external server. */
    public Optional<Path> log() {
        return Optional.ofNullable(process).map(ChildProcess::log);
    }

    /** The server process, for crash tests (kill); empty for an external server. */
    public Optional<ChildProcess> process() {
        return Optional.ofNullable(process);
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
        if (dataDir != null) {
            TempDirs.delete(dataDir);
        }
    }
}
