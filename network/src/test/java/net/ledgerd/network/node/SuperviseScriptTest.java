package net.ledgerd.network.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.ledgerd.network.NetworkCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * network/deploy/tendermint-supervise.sh, the Tendermint container's entrypoint in the compose files, with the real
 * Tendermint 0.31.5: it stops Tendermint and exits 75 when the app goes away (so the container restarts and
 * reconnects), and passes docker stop's SIGTERM on.
 */
class SuperviseScriptTest {
    @TempDir
    Path dir;

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        int code = NetworkCli.run(new PrintWriter(out), new PrintWriter(out), args);
        assertEquals(0, code, out.toString());
    }

    private Path home(int p2p, int rpc, int abci) {
        Path home = dir.resolve("home");
        cli(
                "member",
                "init",
                "--home",
                home.toString(),
                "--moniker",
                "solo",
                "--hostname",
                "127.0.0.1",
                "--p2p-port",
                String.valueOf(p2p));
        cli(
                "member",
                "info",
                "--home",
                home.toString(),
                "--out",
                dir.resolve("solo.json").toString());
        cli(
                "genesis",
                "--chain-id",
                "supervise",
                "--allow-small",
                "--member",
                dir.resolve("solo.json").toString(),
                "--out",
                dir.resolve("genesis.json").toString());
        cli(
                "member",
                "configure",
                "--home",
                home.toString(),
                "--genesis",
                dir.resolve("genesis.json").toString(),
                "--proxy-app",
                "tcp://127.0.0.1:" + abci,
                "--rpc-addr",
                "127.0.0.1:" + rpc);
        return home;
    }

    private Process supervise(Path home, int abci, String logName) throws Exception {
        Path script = TendermintBinary.repoRoot().resolve("network/deploy/tendermint-supervise.sh");
        Path log = Path.of("target", "test-processes").toAbsolutePath().resolve(logName);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        "bash",
                        script.toString(),
                        "node",
                        "--home",
                        home.toString(),
                        "--proxy_app",
                        "tcp://127.0.0.1:" + abci))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("TENDERMINT_BIN", TendermintBinary.path().toString());
        pb.environment().put("LEDGERD_ABCI", "127.0.0.1:" + abci);
        return pb.start();
    }

    @Test
    void exitsSeventyFiveWhenTheAppGoesAwayAndPassesSigtermOn() throws Exception {
        int rpc = TendermintBinary.freePort();
        Path home;
        try (FakeAbciApp app = new FakeAbciApp()) {
            home = home(TendermintBinary.freePort(), rpc, app.port());
            Process p = supervise(home, app.port(), "supervise-app-lost.log");
            try {
                RunningNodeProbe node = new RunningNodeProbe(rpc);
                node.awaitHeight(1, Duration.ofSeconds(60), p);
                app.close();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "supervise did not stop after the app went away");
                assertEquals(75, p.exitValue());
                assertTrue(Files.readString(Path.of("target/test-processes/supervise-app-lost.log"))
                        .contains("lost its connection to the app"));
            } finally {
                p.destroyForcibly();
            }
        }
        // the container restarts: a new Tendermint on the same home connects to the new app; docker stop sends SIGTERM
        try (FakeAbciApp app = new FakeAbciApp()) {
            Process p = supervise(home, app.port(), "supervise-sigterm.log");
            try {
                RunningNodeProbe node = new RunningNodeProbe(rpc);
                node.awaitHeight(1, Duration.ofSeconds(60), p);
                p.destroy(); // SIGTERM, as docker stop sends
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "supervise did not stop on SIGTERM");
                assertTrue(node.down(), "tendermint still answers after SIGTERM");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    /** Polls a node's RPC port. */
    private record RunningNodeProbe(int rpc) {
        void awaitHeight(long height, Duration timeout, Process supervise) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!supervise.isAlive()) {
                    throw new AssertionError("supervise exited early with " + supervise.exitValue());
                }
                try {
                    String body = new String(new java.net.URL("http://127.0.0.1:" + rpc + "/status")
                            .openStream()
                            .readAllBytes());
                    var h = new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(body)
                            .at("/result/sync_info/latest_block_height");
                    if (h.asLong() >= height) {
                        return;
                    }
                } catch (java.io.IOException e) {
                    // not up yet
                }
                Thread.sleep(200);
            }
            throw new AssertionError("no block " + height + " within " + timeout);
        }

        boolean down() {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", rpc), 500);
                return false;
            } catch (java.io.IOException e) {
                return true;
            }
        }
    }
}
