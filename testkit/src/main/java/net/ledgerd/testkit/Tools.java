package net.ledgerd.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Finds the repository and the real binaries that network/bin/setup installs into .tools/bin. */
public final class Tools {
    private Tools() {
    }

    public static Path repoRoot() {
        String configured = System.getProperty("ledgerd.repoRoot");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("network/bin")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root above " + Paths.get("").toAbsolutePath());
    }

    public static Path tendermint() {
        return required(repoRoot().resolve(".tools/bin/tendermint"), "tendermint 0.31.5");
    }

    public static Path ferretdb() {
        return required(repoRoot().resolve(".tools/bin/ferretdb"), "ferretdb");
    }

    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Paths.get(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path required(Path binary, String what) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(what + " is not installed at " + binary + "; run network/bin/setup first");
        }
        return binary;
    }

    /** Where a test's child processes write their logs: target/test-processes of the running module. */
    public static Path logDir() {
        Path dir = Paths.get("target", "test-processes").toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }
}
