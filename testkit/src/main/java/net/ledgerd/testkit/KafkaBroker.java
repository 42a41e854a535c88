package net.ledgerd.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real Apache Kafka node for a test: KRaft mode, one process acting as broker and controller, run from the jars
 * that {@code network/bin/install-kafka} puts in {@code .tools/kafka/libs} through the public entry points only
 * ({@code kafka.tools.StorageTool format}, then {@code kafka.Kafka server.properties}) as a child process on free
 * loopback ports. The data directory survives {@link #stop()}/{@link #kill()} and {@link #start()} runs the broker
 * again on the same ports and data, so a test can restart it.
 */
public final class KafkaBroker implements AutoCloseable {
    // Generous: on a loaded 2-core machine the broker JVM alone has taken more than 90 s to start.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Path dir;
    private final boolean deleteDir;
    private final int port;
    private final int controllerPort;
    private final String name;
    private ChildProcess process;

    private KafkaBroker(Path dir, boolean deleteDir, int port, int controllerPort, String name) {
        this.dir = dir;
        this.deleteDir = deleteDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.name = name;
    }

    /** A broker in a fresh temporary directory (deleted by {@link #close()}), started. */
    public static KafkaBroker startTemporary(String name) {
        int[] ports = FreePorts.next(2);
        KafkaBroker broker = new KafkaBroker(TempDirs.create("kafka-"), true, ports[0], ports[1], name);
        try {
            broker.format();
            broker.start();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** {@code <repo>/.tools/kafka/libs}, failing with the installer's name when it is missing. */
    public static Path libs() {
        Path libs = Tools.repoRoot().resolve(".tools").resolve("kafka").resolve("libs");
        try (var jars = Files.list(libs)) {
            if (jars.anyMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"))) {
                return libs;
            }
        } catch (IOException e) {
            // falls through to the message below: the folder is missing or unreadable
        }
        throw new IllegalStateException("Kafka is not installed: " + libs + " has no kafka_2.13 jar. Run " + Tools.SETUP
                + " (it runs network/bin/install-kafka) from the repository root, then re-run.");
    }

    /** host:port for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dir;
    }

    /** Writes server.properties from the shared template and formats the log dir with a new cluster id. */
    private void format() {
        Path template = Tools.repoRoot().resolve("network/kafka/server.properties.template");
        try {
            Files.createDirectories(dir.resolve("data"));
            String props = Files.readString(template)
                    .replace("@HOST@", "127.0.0.1")
                    .replace("@PORT@", String.valueOf(port))
                    .replace("@CONTROLLER_PORT@", String.valueOf(controllerPort))
                    .replace("@LOG_DIRS@", dir.resolve("data").toString());
            Files.writeString(dir.resolve("server.properties"), props);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka config into " + dir + " from " + template, e);
        }
        ChildProcess.run(
                java(
                        "kafka.tools.StorageTool",
                        "format",
                        "--cluster-id=" + clusterId(),
                        "--config=" + config(),
                        "--ignore-formatted"),
                Duration.ofSeconds(60));
    }

    /** A new cluster id as Kafka writes them: 16 random bytes, URL-safe base64; never with a leading '-'. */
    static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[16];
        String text;
        do {
            random.nextBytes(id);
            text = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        } while (text.startsWith("-"));
        return text;
    }

    private String config() {
        return dir.resolve("server.properties").toString();
    }

    private static List<String> java(String mainClass, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m",
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + Tools.repoRoot().resolve("network/kafka/log4j2.properties"),
                "-cp",
                libs().resolve("*").toString(),
                mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts the broker on its ports and data; returns once it accepts connections. */
    public void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        process = ChildProcess.start(name + "-" + port, java("kafka.Kafka", config()), Map.of());
        FreePorts.awaitAccepting("127.0.0.1", port, START_TIMEOUT, process);
    }

    /** SIGTERM (a controlled shutdown), SIGKILL after 15 s. */
    public void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    /** SIGKILL, as in a crash. */
    public void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
        if (deleteDir) {
            TempDirs.delete(dir);
        }
    }
}
