package net.ledgerd.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.ledgerd.network.config.TendermintConfig;

/**
 * A real Tendermint 0.31.5 node for a test: a single-validator home made by {@code tendermint init}
 * in a temporary directory, its config.toml rewritten (free loopback rpc/p2p ports, the app's address,
 * empty blocks, commit timeout, log level), then started, stopped (SIGTERM), killed (SIGKILL) and
 * restarted on the same home. Output goes to {@code target/test-processes/<name>-<rpcPort>.log}.
 *
 * <pre>{@code
 * try (TendermintNode node = TendermintNode.builder().abciPort(app.port()).init().start()) {
 *     node.rpc().broadcastTxCommit(tx);
 * }
 * }</pre>
 */
public final class TendermintNode implements AutoCloseable {
    private final Path home;
    private final boolean deleteHome;
    private final int rpcPort;
    private final int p2pPort;
    private final String name;
    private final Map<String, String> env;
    private ChildProcess process;

    private TendermintNode(
            Path home, boolean deleteHome, int rpcPort, int p2pPort, String name, Map<String, String> env) {
        this.home = home;
        this.deleteHome = deleteHome;
        this.rpcPort = rpcPort;
        this.p2pPort = p2pPort;
        this.name = name;
        this.env = Map.copyOf(env);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options, applied to config.toml by {@link #init()}. */
    public static final class Builder {
        private String proxyApp;
        private String abci = "socket";
        private boolean createEmptyBlocks = false;
        private boolean recheck = false;
        private String timeoutCommit = "200ms";
        private String logLevel = "main:info,state:info,*:error";
        private String name = "tendermint";
        private Path home;
        private boolean keepHome;
        private final Map<String, Object> extra = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        /** {@code proxy_app}: tcp://host:port of the ABCI app, or a built-in app name ("kvstore", "noop"). Required. */
        public Builder proxyApp(String proxyApp) {
            this.proxyApp = proxyApp;
            return this;
        }

        /** {@code proxy_app = "tcp://127.0.0.1:<port>"}: the ABCI app a test runs. */
        public Builder abciPort(int port) {
            return proxyApp("tcp://127.0.0.1:" + port);
        }

        /** {@code abci}: "socket" (default) or "grpc". */
        public Builder abci(String abci) {
            this.abci = abci;
            return this;
        }

        /** {@code consensus.create_empty_blocks}; default false (blocks only when there are transactions). */
        public Builder createEmptyBlocks(boolean create) {
            this.createEmptyBlocks = create;
            return this;
        }

        /** {@code mempool.recheck}; default false (testkit's long-standing default; Tendermint's own is true). */
        public Builder recheck(boolean recheck) {
            this.recheck = recheck;
            return this;
        }

        /** {@code consensus.timeout_commit} as a Go duration; default "200ms" to keep tests fast (Tendermint's own is "1s"). */
        public Builder timeoutCommit(String duration) {
            this.timeoutCommit = duration;
            return this;
        }

        /** {@code log_level}, e.g. "main:info,state:info,*:error" (default) or "*:debug". */
        public Builder logLevel(String logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        /** Moniker and log-file prefix. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Use this home directory instead of a temporary one (initialised if it has no config yet; never deleted). */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** Keep the temporary home after {@link TendermintNode#close()} (to inspect it). */
        public Builder keepHome(boolean keep) {
            this.keepHome = keep;
            return this;
        }

        /**
         * Any other config.toml key, as "section.key" (or "key" at top level), with a typed value as {@link
         * TendermintConfig#set} takes it, e.g. set("mempool.size", 10000L).
         */
        public Builder set(String key, Object value) {
            extra.put(key, value);
            return this;
        }

        /** An environment variable of the node process, e.g. env("GOMAXPROCS", "8"). */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Runs {@code tendermint init} (unless the home already has a config) and writes the options into config.toml. */
        public TendermintNode init() {
            if (proxyApp == null) {
                throw new IllegalStateException("set proxyApp(\"kvstore\") or abciPort(port) before init()");
            }
            Path tendermint = Tools.tendermint();
            int[] ports = FreePorts.next(2);
            int rpc = ports[0];
            int p2p = ports[1];
            Path dir = home != null ? home : TempDirs.create("ledgerd-tm-");
            if (!Files.exists(dir.resolve("config/config.toml"))) {
                ChildProcess.run(
                        List.of(tendermint.toString(), "init", "--home", dir.toString()), Duration.ofSeconds(30));
            }
            Path file = dir.resolve("config/config.toml");
            TendermintConfig config = TendermintConfig.read(file)
                    .set("proxy_app", proxyApp)
                    .set("abci", abci)
                    .set("moniker", name)
                    .set("log_level", logLevel)
                    .set("rpc.laddr", "tcp://127.0.0.1:" + rpc)
                    .set("p2p.laddr", "tcp://127.0.0.1:" + p2p)
                    .set("p2p.addr_book_strict", false)
                    .set("mempool.recheck", recheck)
                    .set("consensus.create_empty_blocks", createEmptyBlocks)
                    .setText("consensus.timeout_commit", timeoutCommit);
            extra.forEach(config::set);
            try {
                Files.writeString(file, config.render());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            return new TendermintNode(dir, home == null && !keepHome, rpc, p2p, name + "-" + rpc, env);
        }
    }

    public Path home() {
        return home;
    }

    public Path configFile() {
        return home.resolve("config/config.toml");
    }

    /** http://127.0.0.1:RPCPORT */
    public URI rpcUrl() {
        return URI.create("http://127.0.0.1:" + rpcPort);
    }

    public int rpcPort() {
        return rpcPort;
    }

    public int p2pPort() {
        return p2pPort;
    }

    public TendermintRpc rpc() {
        return new TendermintRpc(rpcUrl());
    }

    /** The node id (from {@code tendermint show_node_id}), for persistent_peers = id@127.0.0.1:p2pPort. */
    public String nodeId() {
        return ChildProcess.run(
                        List.of(Tools.tendermint().toString(), "show_node_id", "--home", home.toString()),
                        Duration.ofSeconds(30))
                .strip();
    }

    /** Spawns {@code tendermint node --home <home>} and waits until its RPC port accepts connections (60 s). */
    public TendermintNode start() {
        if (isRunning()) {
            throw new IllegalStateException("tendermint " + name + " is already running");
        }
        process = ChildProcess.start(
                name, List.of(Tools.tendermint().toString(), "node", "--home", home.toString()), env);
        FreePorts.awaitAccepting("127.0.0.1", rpcPort, Duration.ofSeconds(60), process);
        return this;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The OS process id while running. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("tendermint " + name + " was never started");
        }
        return process.pid();
    }

    public Path log() {
        return Tools.logDir().resolve(name + ".log");
    }

    /** SIGTERM (a clean shutdown), SIGKILL after 15 s. */
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** SIGKILL, as in a crash. */
    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** stop() then start() on the same home and ports. */
    public TendermintNode restart() {
        stop();
        return start();
    }

    /** Waits until /status reports at least {@code height}; fails early if the process exits. */
    public TendermintRpc.Status awaitHeight(long height, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        TendermintRpc rpc = rpc();
        TendermintRpc.Status last = null;
        IOException lastError = null;
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("tendermint " + name + " exited (code " + process.exitCode()
                        + ") waiting for height " + height + "; " + process.describeLog());
            }
            try {
                last = rpc.status();
                if (last.latestBlockHeight() >= height) {
                    return last;
                }
            } catch (IOException e) {
                lastError = e; // not answering yet
            }
            FreePorts.sleep(100);
        }
        throw new IllegalStateException("tendermint " + name + " did not reach height " + height + " within " + timeout
                + " (last status " + last + (lastError == null ? "" : ", last error " + lastError.getMessage())
                + "); see " + log()
                + ChildProcess.tail(log(), 15));
    }

    /** Stops the node and deletes its temporary home (unless keepHome or an explicit home was given). */
    @Override
    public void close() {
        stop();
        if (deleteHome) {
            TempDirs.delete(home);
        }
    }
}
