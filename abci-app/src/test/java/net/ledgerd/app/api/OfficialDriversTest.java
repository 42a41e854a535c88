package net.ledgerd.app.api;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.ledgerd.app.node.SingleNode;
import net.ledgerd.testkit.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official BigchainDB drivers, their code unchanged, against a running node: create, split and
 * merge a divisible asset, spend an output with two owners, see a double spend refused, list
 * outputs, search assets and metadata, fetch blocks. The driver scripts live in src/test/drivers.
 */
class OfficialDriversTest {
    private static SingleNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("drivers", Map.of());
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static String run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "driver run timed out:\n" + out);
        assertEquals(0, p.exitValue(), "driver run failed:\n" + out);
        return out;
    }

    @Test
    void javascriptDriver() throws Exception {
        Path modules = Tools.repoRoot().resolve("transactions/compat/js/node_modules");
        assertTrue(
                Files.isDirectory(modules.resolve("bigchaindb-driver")),
                "bigchaindb-driver@4.3.0 is not installed in " + modules + "; run network/bin/setup");
        Path nodeJs = Tools.onPath("node")
                .orElseThrow(() -> new AssertionError("node is not installed; run network/bin/setup"));
        String out = run(
                List.of(
                        nodeJs.toString(),
                        Path.of("src/test/drivers/js_driver_e2e.js")
                                .toAbsolutePath()
                                .toString(),
                        node.baseUrl() + "/api/v1/"),
                Map.of("NODE_PATH", modules.toString()));
        assertTrue(out.contains("\"done\":true"), out);
    }

    @Test
    void pythonDriver() throws Exception {
        Path python = Tools.repoRoot().resolve(".tools/pyenv/bin/python");
        assertTrue(
                Files.isExecutable(python),
                "the Python driver's environment is missing at " + python + "; run network/bin/setup");
        String out = run(
                List.of(
                        python.toString(),
                        Path.of("src/test/drivers/py_driver_e2e.py")
                                .toAbsolutePath()
                                .toString(),
                        node.baseUrl()),
                Map.of());
        assertTrue(out.contains("\"done\": true"), out);
    }
}
