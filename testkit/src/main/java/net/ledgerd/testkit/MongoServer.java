package net.ledgerd.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real MongoDB-protocol server for a test: the one named by LEDGERD_TEST_MONGODB_URI if set, else
 * mongod when installed, else FerretDB (SQLite backend) from .tools/bin. Each test should use a
 * database name of its own so one server can serve several.
 */
public final class MongoServer implements AutoCloseable {
    public static final String URI_ENV = "LEDGERD_TEST_MONGODB_URI";

    private final String uri;
    private final ChildProcess process;
    private final Path dataDir;

    private MongoServer(String uri, ChildProcess process, Path dataDir) {
        this.uri = uri;
        this.process = process;
        this.dataDir = dataDir;
    }

    public static MongoServer start() {
        String external = System.getenv(URI_ENV);
        if (external != null && !external.isBlank()) {
            return new MongoServer(external, null, null);
        }
        int port = FreePorts.next();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("ledgerd-mongo-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        String name;
        var mongod = Tools.onPath("mongod");
        if (mongod.isPresent()) {
            name = "mongod-" + port;
            command.addAll(List.of(mongod.get().toString(), "--dbpath", dataDir.toString(), "--bind_ip", "127.0.0.1",
                    "--port", String.valueOf(port), "--quiet"));
        } else {
            name = "ferretdb-" + port;
            command.addAll(List.of(Tools.ferretdb().toString(), "--handler=sqlite", "--sqlite-url=file:" + dataDir + "/",
                    "--state-dir=" + dataDir, "--listen-addr=127.0.0.1:" + port, "--telemetry=disable", "--debug-addr=-",
                    "--log-level=warn"));
        }
        ChildProcess process = ChildProcess.start(name, command, Map.of());
        FreePorts.awaitAccepting("127.0.0.1", port, Duration.ofSeconds(30), process);
        return new MongoServer("mongodb://127.0.0.1:" + port + "/", process, dataDir);
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
