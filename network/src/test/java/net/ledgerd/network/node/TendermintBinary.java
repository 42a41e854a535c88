package net.ledgerd.network.node;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real Tendermint 0.31.5 that network/bin/setup builds into .tools/bin, and running it. */
final class TendermintBinary {
    private TendermintBinary() {}

    static Path repoRoot() {
        String configured = System.getProperty("ledgerd.repoRoot");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("network/bin"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            fail("cannot find the repository root (a directory with network/bin) above "
                    + Paths.get("").toAbsolutePath());
        }
        return dir;
    }

    /** The binary; fails the test (never skips it) when it is missing or not 0.31.5. */
    static Path path() {
        Path bin = repoRoot().resolve(".tools/bin/tendermint");
        if (!Files.isExecutable(bin)) {
            fail("Tendermint 0.31.5 is not installed at " + bin
                    + "; run network/bin/setup (it builds it) and run the tests again");
        }
        String version = run(List.of(bin.toString(), "version")).strip();
        if (!version.equals("0.31.5")) {
            fail(bin + " is Tendermint " + version + ", not 0.31.5; run network/bin/setup");
        }
        return bin;
    }

    /** Runs a short tendermint command to completion and returns its standard output; fails the test on a non-zero exit. */
    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish in 60s");
            }
            if (p.exitValue() != 0) {
                fail(command + " exited with " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String tendermint(String... args) {
        List<String> command = new ArrayList<>();
        command.add(path().toString());
        command.addAll(List.of(args));
        return run(command);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free port", e);
        }
    }
}
