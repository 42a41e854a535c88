package net.ledgerd.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Finds the repository and the real binaries that {@code network/bin/setup} installs into
 * {@code <repo>/.tools/bin}. A missing binary is an error that names the script to run, never a skip.
 */
public final class Tools {
    /** The script that installs every binary the tests need. */
    public static final String SETUP = "network/bin/setup";
    /** System property (set by surefire in the root pom) naming the repository root. */
    public static final String REPO_ROOT_PROPERTY = "ledgerd.repoRoot";

    private Tools() {}

    /** The repository root: {@code -Dledgerd.repoRoot}, else the nearest directory above user.dir holding .tools or the root pom. */
    public static Path repoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".tools")) || isRootPom(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find the repository root (a directory with .tools or the ledgerd-parent pom.xml) above " + start
                        + "; set -D" + REPO_ROOT_PROPERTY + "=<repo>");
    }

    private static boolean isRootPom(Path pom) {
        try {
            return Files.isRegularFile(pom)
                    && Files.readString(pom).contains("<artifactId>ledgerd-parent</artifactId>")
                    && Files.readString(pom).contains("<modules>");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code <repo>/.tools/bin}. */
    public static Path toolsBin() {
        return toolsBin(repoRoot());
    }

    static Path toolsBin(Path root) {
        return root.resolve(".tools").resolve("bin");
    }

    /** The Tendermint 0.31.5 binary built by network/bin/install-tendermint. */
    public static Path tendermint() {
        return tendermint(repoRoot());
    }

    static Path tendermint(Path root) {
        return required(toolsBin(root).resolve("tendermint"), "Tendermint 0.31.5", "network/bin/install-tendermint");
    }

    /** The FerretDB binary built by network/bin/install-ferretdb. */
    public static Path ferretdb() {
        return ferretdb(repoRoot());
    }

    static Path ferretdb(Path root) {
        return required(
                toolsBin(root).resolve("ferretdb"),
                "FerretDB (no mongod on PATH either)",
                "network/bin/install-ferretdb");
    }

    /** The {@code bigchaindb} command of the BigchainDB 2.2.2 virtualenv made by network/bin/install-bigchaindb. */
    public static Path bigchaindb() {
        return required(
                repoRoot().resolve(".tools/bigchaindb-venv/bin/bigchaindb"),
                "BigchainDB 2.2.2",
                "network/bin/install-bigchaindb");
    }

    /** mongod when one is installed on PATH. */
    public static Optional<Path> mongod() {
        return onPath("mongod");
    }

    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path required(Path binary, String what, String installer) {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new IllegalStateException(what + " is not installed: " + binary + " is missing. Run " + SETUP
                    + " (it runs " + installer + ") from the repository root, then re-run the tests.");
        }
        return binary;
    }

    /** Where child processes of the running test module log: {@code <module>/target/test-processes}. */
    public static Path logDir() {
        Path dir = Paths.get(System.getProperty("user.dir"), "target", "test-processes")
                .toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }
}
