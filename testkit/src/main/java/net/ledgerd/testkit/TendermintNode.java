package net.ledgerd.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Tendermint 0.31.5 node for a test: a single-validator home made by {@code tendermint init},
 * its config.toml adjusted (free loopback ports, the app's address, empty blocks, commit timeout),
 * started, stopped, killed and restarted on the same home.
 */
public final class TendermintNode implements AutoCloseable {
    private final Path home;
    private final int rpcPort;
    private final int p2pPort;
    private final String name;
    private ChildProcess process;

    private TendermintNode(Path home, int rpcPort, int p2pPort, String name) {
        this.home = home;
        this.rpcPort = rpcPort;
        this.p2pPort = p2pPort;
        this.name = name;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String proxyApp = "kvstore";
        private String abci = "socket";
        private boolean createEmptyBlocks = false;
        private String timeoutCommit = "200ms";
        private String name = "tendermint";
        private final Map<String, String> extra = new LinkedHashMap<>();

        /** tcp://host:port of the app, or a built-in app name such as kvstore or noop. */
        public Builder proxyApp(String proxyApp) {
            this.proxyApp = proxyApp;
            return this;
        }

        public Builder abciPort(int port) {
            return proxyApp("tcp://127.0.0.1:" + port);
        }

        /** socket (default) or grpc. */
        public Builder abci(String abci) {
            this.abci = abci;
            return this;
        }

        public Builder createEmptyBlocks(boolean create) {
            this.createEmptyBlocks = create;
            return this;
        }

        public Builder timeoutCommit(String duration) {
            this.timeoutCommit = duration;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Any other key, as section.key (or key for the top level), with a TOML literal value. */
        public Builder set(String key, String tomlValue) {
            extra.put(key, tomlValue);
            return this;
        }

        public TendermintNode init() {
            int rpc = FreePorts.next();
            int p2p = FreePorts.next();
            Path home;
            try {
                home = Files.createTempDirectory("ledgerd-tm-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            run(List.of(Tools.tendermint().toString(), "init", "--home", home.toString()));
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("proxy_app", quote(proxyApp));
            settings.put("abci", quote(abci));
            settings.put("moniker", quote(name));
            settings.put("log_level", quote("main:info,state:info,*:error"));
            settings.put("rpc.laddr", quote("tcp://127.0.0.1:" + rpc));
            settings.put("p2p.laddr", quote("tcp://127.0.0.1:" + p2p));
            settings.put("p2p.addr_book_strict", "false");
            settings.put("mempool.recheck", "false");
            settings.put("consensus.create_empty_blocks", String.valueOf(createEmptyBlocks));
            settings.put("consensus.timeout_commit", quote(timeoutCommit));
            settings.putAll(extra);
            TomlEdit.apply(home.resolve("config/config.toml"), settings);
            return new TendermintNode(home, rpc, p2p, name + "-" + rpc);
        }
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path home() {
        return home;
    }

    public URI rpcUrl() {
        return URI.create("http://127.0.0.1:" + rpcPort);
    }

    public TendermintRpc rpc() {
        return new TendermintRpc(rpcUrl());
    }

    public int p2pPort() {
        return p2pPort;
    }

    public TendermintNode start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("tendermint " + name + " is already running");
        }
        List<String> command = new ArrayList<>(List.of(Tools.tendermint().toString(), "node", "--home", home.toString()));
        process = ChildProcess.start(name, command, Map.of("TMHOME", home.toString()));
        FreePorts.awaitAccepting("127.0.0.1", rpcPort, Duration.ofSeconds(60), process);
        return this;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return Tools.logDir().resolve(name + ".log");
    }

    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** Waits until the node reports at least this height. */
    public TendermintRpc.Status awaitHeight(long height, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        TendermintRpc.Status last = null;
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("tendermint exited; see " + log());
            }
            try {
                last = rpc().status();
                if (last.latestBlockHeight() >= height) {
                    return last;
                }
            } catch (IOException e) {
                // not answering yet
            }
            FreePorts.sleep(100);
        }
        throw new IllegalStateException("tendermint did not reach height " + height + " within " + timeout + " (last " + last + "); see " + log());
    }

    @Override
    public void close() {
        stop();
    }
}
