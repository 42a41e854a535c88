package net.ledgerd.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The server process of a real BigchainDB 2.2.2 member ({@code bigchaindb start} from the virtualenv that
 * {@code network/bin/install-bigchaindb} makes): its ABCI server for Tendermint, its HTTP API and its WebSocket
 * event stream, on the addresses given (free loopback ports by default), storing in the given database of a
 * MongoDB-protocol server. The settings go into {@code <dir>/config.json} ({@code bigchaindb -c}); the ABCI address
 * goes in {@code BIGCHAINDB_ABCI_HOST/PORT}, which the install's patch adds (2.2.2 binds a fixed 0.0.0.0:26658).
 * Its own log files and its console output are under {@code <dir>} and {@link Tools#logDir()}.
 *
 * <p>{@link #start()} returns once the ABCI port accepts connections and the HTTP API answers; {@link #stop()} ends
 * the process and the workers it forked; it can be started again on the same database (a restart).
 */
public final class BigchainDbServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Path dir;
    private final boolean deleteDir;
    private final String abciHost;
    private final int abciPort;
    private final int httpPort;
    private final ObjectNode config;
    private ChildProcess process;

    private BigchainDbServer(
            String name, Path dir, boolean deleteDir, String abciHost, int abciPort, int httpPort, ObjectNode config) {
        this.name = name;
        this.dir = dir;
        this.deleteDir = deleteDir;
        this.abciHost = abciHost;
        this.abciPort = abciPort;
        this.httpPort = httpPort;
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the server stores and whom it talks to. The MongoDB server, database and Tendermint RPC are required. */
    public static final class Builder {
        private String name = "bigchaindb";
        private Path dir;
        private String mongoHost;
        private int mongoPort;
        private String database;
        private String tendermintHost = "127.0.0.1";
        private int tendermintRpcPort;
        private String abciHost = "127.0.0.1";
        private int abciPort;
        private int httpPort;

        /** Log-file prefix. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Directory for its config and log files (default: a temporary one, deleted on close). */
        public Builder dir(Path dir) {
            this.dir = dir;
            return this;
        }

        public Builder mongo(MongoServer mongo) {
            return mongo(mongo.host(), mongo.port());
        }

        public Builder mongo(String host, int port) {
            this.mongoHost = host;
            this.mongoPort = port;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /** The RPC of the member's Tendermint, to which the server posts the transactions it receives. */
        public Builder tendermintRpc(String host, int port) {
            this.tendermintHost = host;
            this.tendermintRpcPort = port;
            return this;
        }

        /** Where its ABCI server listens for Tendermint (default 127.0.0.1 and a free port). */
        public Builder abci(String host, int port) {
            this.abciHost = host;
            this.abciPort = port;
            return this;
        }

        /** The HTTP API's port on 127.0.0.1 (default: a free one). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** Writes its configuration; nothing is started yet. */
        public BigchainDbServer build() {
            if (mongoHost == null || database == null || tendermintRpcPort == 0) {
                throw new IllegalStateException(
                        "BigchainDbServer needs mongo(...), database(...) and tendermintRpc(...) before build()");
            }
            Path home = dir != null ? dir : TempDirs.create("ledgerd-bigchaindb-");
            int abci = abciPort != 0 ? abciPort : FreePorts.next();
            int http = httpPort != 0 ? httpPort : FreePorts.next();
            int ws = FreePorts.next();
            ObjectNode c = JSON.createObjectNode();
            c.putObject("server").put("bind", "127.0.0.1:" + http).put("workers", 1);
            c.putObject("wsserver")
                    .put("scheme", "ws")
                    .put("host", "127.0.0.1")
                    .put("port", ws)
                    .put("advertised_scheme", "ws")
                    .put("advertised_host", "127.0.0.1")
                    .put("advertised_port", ws);
            c.putObject("database")
                    .put("backend", "localmongodb")
                    .put("host", mongoHost)
                    .put("port", mongoPort)
                    .put("name", database);
            c.putObject("tendermint")
                    .put("host", tendermintHost)
                    .put("port", tendermintRpcPort)
                    .put("version", "v0.31.5");
            c.putObject("log")
                    .put("file", home.resolve("bigchaindb.log").toString())
                    .put("error_file", home.resolve("bigchaindb-errors.log").toString())
                    .put("level_console", "info")
                    .put("level_logfile", "info");
            try {
                Files.createDirectories(home);
                JSON.writerWithDefaultPrettyPrinter()
                        .writeValue(home.resolve("config.json").toFile(), c);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the BigchainDB config in " + home, e);
            }
            return new BigchainDbServer(name + "-" + http, home, dir == null, abciHost, abci, http, c);
        }
    }

    /** Starts {@code bigchaindb start}; returns once its ABCI port accepts and its HTTP API answers (120 s). */
    public BigchainDbServer start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running");
        }
        Path bigchaindb = Tools.bigchaindb();
        // run by the venv's python: the script's #! names the path the venv was made at, which a
        // .tools shared through a symlink or moved since no longer has
        process = ChildProcess.start(
                name,
                List.of(
                        bigchaindb.resolveSibling("python").toString(),
                        bigchaindb.toString(),
                        "-c",
                        configFile().toString(),
                        "start"),
                Map.of(
                        "BIGCHAINDB_ABCI_HOST", abciHost,
                        "BIGCHAINDB_ABCI_PORT", String.valueOf(abciPort),
                        // no config from the user's home or environment beyond the file given
                        "BIGCHAINDB_CONFIG_PATH", configFile().toString()));
        try {
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            FreePorts.awaitAccepting(abciHost, abciPort, START_TIMEOUT, process);
            while (!answersHttp()) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(name + " listens for ABCI on " + abciPort + " but its HTTP API on "
                            + httpPort + " does not answer; " + process.describeLog());
                }
                FreePorts.sleep(200);
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return this;
    }

    private boolean answersHttp() {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(httpUrl() + "/api/v1/"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** http://127.0.0.1:PORT, without a trailing slash. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String abciHost() {
        return abciHost;
    }

    public int abciPort() {
        return abciPort;
    }

    /** The database it stores in. */
    public String database() {
        return config.path("database").path("name").asText();
    }

    public Path configFile() {
        return dir.resolve("config.json");
    }

    /** The console log (BigchainDB also writes {@code bigchaindb.log} in its directory). */
    public Path log() {
        return Tools.logDir().resolve(name + ".log");
    }

    /** "see <log>; last lines: ..." for failure messages. */
    public String describeLog() {
        return process == null ? "see " + log() : process.describeLog();
    }

    /** SIGTERM (BigchainDB's own clean shutdown), SIGKILL after 15 s; then the forked web and event workers. */
    public void stop() {
        end(false);
    }

    /** SIGKILL of the server and its workers, as in a crash. */
    public void kill() {
        end(true);
    }

    private void end(boolean kill) {
        if (process == null) {
            return;
        }
        // the web server, its gunicorn worker and the event processes are forked children that outlive a SIGKILL
        List<ProcessHandle> children = ProcessHandle.of(process.pid())
                .map(h -> h.descendants().toList())
                .orElse(List.of());
        if (kill) {
            process.kill();
        } else {
            process.stop();
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            child.onExit()
                    .orTimeout(15, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(t -> child)
                    .join();
        }
        process = null;
    }

    /** Stops the server and deletes its temporary directory (not one given with {@link Builder#dir}). */
    @Override
    public void close() {
        stop();
        if (deleteDir) {
            TempDirs.delete(dir);
        }
    }
}
