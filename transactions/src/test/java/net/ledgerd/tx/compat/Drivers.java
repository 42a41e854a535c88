package net.ledgerd.tx.compat;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the official drivers installed by {@code transactions/compat/install-drivers}.
 * When they are missing the calling test fails (it does not skip), naming that script.
 */
final class Drivers {
    private Drivers() {}

    static final String INSTALL = "transactions/compat/install-drivers";
    static final ObjectMapper JSON = new ObjectMapper();

    static Path repoRoot() {
        String p = System.getProperty("ledgerd.repoRoot");
        if (p != null && Files.isRegularFile(Path.of(p, INSTALL))) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(INSTALL))) {
                return d;
            }
        }
        fail("cannot find the repository root (no " + INSTALL + " above "
                + Path.of("").toAbsolutePath() + ")");
        return null;
    }

    static Path jsDir() {
        return repoRoot().resolve("transactions/compat/js");
    }

    static Path pyDir() {
        return repoRoot().resolve("transactions/compat/py");
    }

    static Path python() {
        return repoRoot().resolve(".tools/pyenv/bin/python");
    }

    /** Fails unless node and npm bigchaindb-driver 4.3.0 are installed. */
    static void requireJs() {
        Path pkg = jsDir().resolve("node_modules/bigchaindb-driver/package.json");
        String node = which("node");
        if (node == null) {
            fail("node is not installed; install Node.js and run " + INSTALL);
        }
        if (!Files.isRegularFile(pkg)) {
            fail("npm bigchaindb-driver is not installed in transactions/compat/js/node_modules; run " + INSTALL);
        }
        try {
            if (!JSON.readTree(pkg.toFile()).path("version").asText().equals("4.3.0")) {
                fail("npm bigchaindb-driver is not version 4.3.0; run " + INSTALL);
            }
        } catch (IOException e) {
            fail("cannot read " + pkg + ": " + e + "; run " + INSTALL);
        }
    }

    /** Fails unless the PyPI driver is installed in .tools/pyenv. */
    static void requirePy() {
        if (!Files.isExecutable(python())) {
            fail("the Python driver environment " + python() + " does not exist; run " + INSTALL);
        }
        Result r = run(List.of(python().toString(), "-c", "import bigchaindb_driver.offchain, rapidjson, sha3"), 60);
        if (r.exit != 0) {
            fail("the PyPI bigchaindb-driver does not import in " + python() + " (" + r.stderr.strip() + "); run "
                    + INSTALL);
        }
    }

    record Result(int exit, String stdout, String stderr) {}

    static Result run(List<String> command, int timeoutSeconds) {
        try {
            File out = File.createTempFile("driver-out", ".json");
            File err = File.createTempFile("driver-err", ".txt");
            try {
                Process p = new ProcessBuilder(command)
                        .directory(repoRoot().toFile())
                        .redirectOutput(out)
                        .redirectError(err)
                        .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out after " + timeoutSeconds + " s: " + command);
                }
                return new Result(
                        p.exitValue(),
                        Files.readString(out.toPath(), StandardCharsets.UTF_8),
                        Files.readString(err.toPath(), StandardCharsets.UTF_8));
            } finally {
                out.delete();
                err.delete();
            }
        } catch (IOException e) {
            fail("cannot run " + command + ": " + e + "; run " + INSTALL);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a generator or checker and parses its JSON output; fails with its stderr otherwise. */
    static JsonNode runJson(List<String> command) {
        Result r = run(command, 300);
        if (r.exit != 0) {
            fail(command + " exited with " + r.exit + ":\n" + r.stderr + "\n(if a module is missing, run " + INSTALL
                    + ")");
        }
        try {
            return JSON.readTree(r.stdout);
        } catch (IOException e) {
            fail(command + " printed no JSON: " + e + "\n" + r.stdout.substring(0, Math.min(500, r.stdout.length())));
            return null;
        }
    }

    /** Writes checker input {"cases":[{name, tx, spent_outputs}]} to a temp file. */
    static Path writeCases(List<Checked> cases) throws IOException {
        var root = JSON.createObjectNode();
        var arr = root.putArray("cases");
        for (Checked c : cases) {
            var o = arr.addObject();
            o.put("name", c.name());
            o.set("tx", c.tx());
            var so = o.putArray("spent_outputs");
            c.spentOutputs().forEach(so::add);
        }
        Path f = Files.createTempFile("ledgerd-txs", ".json");
        f.toFile().deleteOnExit();
        Files.writeString(f, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
        return f;
    }

    record Checked(String name, JsonNode tx, List<JsonNode> spentOutputs) {
        Checked {
            spentOutputs = new ArrayList<>(spentOutputs);
        }
    }

    private static String which(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
