package net.ledgerd.app.network;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import net.ledgerd.app.cli.AppConfig;
import net.ledgerd.app.node.AppNode;
import net.ledgerd.app.store.BlockRecord;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.network.NetworkCli;
import net.ledgerd.testkit.BigchainDbServer;
import net.ledgerd.testkit.ChildProcess;
import net.ledgerd.testkit.FreePorts;
import net.ledgerd.testkit.MongoServer;
import net.ledgerd.testkit.TendermintRpc;
import net.ledgerd.testkit.Tools;

/**
 * A real four-validator ledgerd network for fault tests, formed with the operator CLI exactly as an operator would
 * ({@code member init}, {@code member info}, {@code genesis} with four validators of power 10, {@code member configure}
 * with every other member as a persistent peer).
 * <ul>
 * <li>One MongoDB-protocol server (FerretDB or mongod, {@link MongoServer}) holding four databases, one per member
 * ({@code fault_<run>_mN}): each member's state is separate, only the server process is shared.</li>
 * <li>Four apps: in-process {@link AppNode}s on their own ABCI and HTTP ports, or, for members listed as
 * {@code childApps}, a child JVM ({@code LedgerdCli start --config HOME/app.properties}) that can be killed with
 * SIGKILL.</li>
 * <li>Four real Tendermint 0.31.5 processes, one per member home.</li>
 * </ul>
 * With {@code isolatable}, member 4 runs its Tendermint in its own network namespace ({@code ip netns}), joined to
 * the host by two veth pairs: one carries p2p only (cut with {@link #isolate} by taking its namespace end down, so
 * member 4 can reach no peer and no peer can reach it), the other carries its RPC and its ABCI connection to its app
 * (left up, so the test can still watch it and its app connection stays as it is). Members 1-3 then use the host end
 * of the p2p pair as their hostname (a local address of this machine, distinct ports), member 4 the namespace end.
 * <p>Members listed as {@code bigchainDbMembers} run the real BigchainDB 2.2.2 server ({@link BigchainDbServer}) in
 * place of our app, on the ABCI and HTTP addresses and the database that {@code member init} gave the member; such a
 * member can later be {@linkplain Member#replaceBigchainDbWithOurs() replaced by our app in place}.
 */
final class LocalNetwork implements AutoCloseable {
    static final int SIZE = 4;
    private static final HexFormat HEX = HexFormat.of();

    final String id = UUID.randomUUID().toString().substring(0, 6);
    final Path root;
    final MongoServer mongo;
    final List<Member> members = new ArrayList<>();
    private final Netns netns;

    private LocalNetwork(Path root, MongoServer mongo, Netns netns) {
        this.root = root;
        this.mongo = mongo;
        this.netns = netns;
    }

    /** Forms and starts the network; every member's app first, then every Tendermint. */
    static LocalNetwork start(Set<Integer> childApps, boolean isolatable) {
        return start(childApps, Set.of(), isolatable);
    }

    /** Forms and starts a network whose members {@code bigchainDbMembers} run BigchainDB 2.2.2 instead of our app. */
    static LocalNetwork start(Set<Integer> childApps, Set<Integer> bigchainDbMembers, boolean isolatable) {
        Instant t0 = Instant.now();
        Path root;
        try {
            root = Files.createTempDirectory("ledgerd-net-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Netns ns = isolatable ? Netns.create() : null;
        LocalNetwork net = new LocalNetwork(root, MongoServer.start(), ns);
        try {
            net.form(childApps, bigchainDbMembers);
            // BigchainDB servers take tens of seconds to start (Python imports, forked workers): side by side
            net.members.stream().filter(Member::isBigchainDb).toList().parallelStream()
                    .forEach(Member::startApp);
            for (Member m : net.members) {
                if (!m.isBigchainDb()) {
                    m.startApp();
                }
            }
            for (Member m : net.members) {
                m.startTendermint();
            }
            net.awaitPeers(SIZE - 1, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        System.out.printf(
                "network %s: 4 members up in %d ms (%s)%n",
                net.id, Duration.between(t0, Instant.now()).toMillis(), root);
        return net;
    }

    private void form(Set<Integer> childApps, Set<Integer> bigchainDbMembers) {
        List<String> infos = new ArrayList<>();
        for (int i = 1; i <= SIZE; i++) {
            boolean inNs = netns != null && i == SIZE;
            String hostname = netns == null ? "127.0.0.1" : inNs ? netns.p2pInside : netns.p2pHost;
            Member m = initMember(
                    i,
                    hostname,
                    inNs ? netns.ctlInside : "127.0.0.1",
                    inNs ? netns.ctlHost : "127.0.0.1",
                    inNs ? netns.name : null,
                    childApps.contains(i),
                    bigchainDbMembers.contains(i));
            infos.add(infoFile(m).toString());
            members.add(m);
        }
        Path genesis = root.resolve("genesis.json");
        List<String> g = new ArrayList<>(List.of(
                "genesis",
                "--chain-id",
                "fault-" + id,
                "--power",
                "10",
                "--allow-shared-host",
                "--out",
                genesis.toString()));
        for (String info : infos) {
            g.add("--member");
            g.add(info);
        }
        cli(g.toArray(String[]::new));
        for (Member m : members) {
            configure(m, infos, false);
        }
    }

    /**
     * A member that joins the running network as a non-validator, as an operator adds one: {@code member init}, {@code
     * member configure --non-validator} with the network's genesis and every member's info as peers, then its app and
     * its Tendermint, which catches up by fast sync. An election can then make it a validator.
     */
    Member addNonValidator() {
        Member m = initMember(members.size() + 1, "127.0.0.1", "127.0.0.1", "127.0.0.1", null, false, false);
        List<String> infos = new ArrayList<>();
        for (Member other : members) {
            infos.add(infoFile(other).toString());
        }
        configure(m, infos, true);
        members.add(m);
        m.startApp();
        m.startTendermint();
        await(Duration.ofSeconds(60), "member " + m.index + " to connect to a peer", () -> m.peers() >= 1);
        return m;
    }

    private Member initMember(
            int i,
            String hostname,
            String rpcHost,
            String abciHost,
            String netnsName,
            boolean childApp,
            boolean bigchainDb) {
        Member m = new Member(
                this,
                i,
                root.resolve("m" + i),
                "fault_" + id + "_m" + i,
                hostname,
                rpcHost,
                FreePorts.next(),
                FreePorts.next(),
                abciHost,
                FreePorts.next(),
                FreePorts.next(),
                netnsName,
                childApp,
                bigchainDb);
        cli(
                "member",
                "init",
                "--home",
                m.home.toString(),
                "--moniker",
                "m" + i,
                "--hostname",
                hostname,
                "--p2p-port",
                String.valueOf(m.p2pPort),
                "--abci-addr",
                abciHost + ":" + m.abciPort,
                "--http-addr",
                "127.0.0.1:" + m.httpPort,
                "--mongodb-uri",
                mongo.uri(),
                "--mongodb-database",
                m.database);
        cli("member", "info", "--home", m.home.toString(), "--out", infoFile(m).toString());
        return m;
    }

    /** The member's {@code member info} file, as it shares it with the others. */
    Path infoFile(Member m) {
        return root.resolve("m" + m.index + ".json");
    }

    private void configure(Member m, List<String> infos, boolean nonValidator) {
        List<String> c = new ArrayList<>(List.of(
                "member",
                "configure",
                "--home",
                m.home.toString(),
                "--genesis",
                root.resolve("genesis.json").toString(),
                "--p2p-addr",
                m.hostname + ":" + m.p2pPort,
                "--rpc-addr",
                m.rpcHost + ":" + m.rpcPort,
                "--set",
                "consensus.timeout_propose=2s",
                "--set",
                "consensus.timeout_commit=300ms",
                "--set",
                "consensus.timeout_prevote=500ms",
                "--set",
                "consensus.timeout_precommit=500ms"));
        if (nonValidator) {
            c.add("--non-validator");
        }
        for (String info : infos) {
            c.add("--peers");
            c.add(info);
        }
        cli(c.toArray(String[]::new));
    }

    static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NetworkCli.run(new PrintWriter(out), new PrintWriter(err), args);
        if (code != 0) {
            throw new IllegalStateException(
                    "ledgerd-network " + String.join(" ", args) + " failed (" + code + "): " + err + out);
        }
    }

    /** Cuts member 4's p2p link: it can reach no peer and no peer can reach it (its RPC and app link stay up). */
    void isolate() {
        netns.setP2p(false);
    }

    void reconnect() {
        netns.setP2p(true);
    }

    Member member(int i) {
        return members.get(i - 1);
    }

    void awaitPeers(int peers, Duration timeout) {
        for (Member m : members) {
            await(timeout, "member " + m.index + " to have " + peers + " peers", () -> m.peers() >= peers);
        }
    }

    /**
     * Waits until every member has the same height and app hash, no member has unconfirmed transactions and nothing
     * changes for a second; returns that status.
     */
    TendermintRpc.Status awaitConverged(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                List<TendermintRpc.Status> s = new ArrayList<>();
                long pending = 0;
                for (Member m : members) {
                    s.add(m.rpc().status());
                    pending += m.rpc().numUnconfirmedTxs().path("n_txs").asLong();
                }
                last = s.toString() + " pending " + pending;
                if (pending == 0
                        && s.stream()
                                .allMatch(x -> x.latestBlockHeight() == s.get(0).latestBlockHeight()
                                        && x.latestAppHash().equals(s.get(0).latestAppHash())
                                        && !x.catchingUp())) {
                    Thread.sleep(1000);
                    boolean stable = true;
                    for (Member m : members) {
                        TendermintRpc.Status again = m.rpc().status();
                        stable &= again.latestBlockHeight() == s.get(0).latestBlockHeight();
                    }
                    if (stable) {
                        return s.get(0);
                    }
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            FaultSupport.sleep(300);
        }
        throw new AssertionError("the four members did not converge within " + timeout + ": " + last);
    }

    /**
     * The final check of every fault test: the four databases hold the same blocks (height, app_hash, transactions),
     * the same transactions, each exactly once, and the last block's app hash is the one every Tendermint reports.
     * Returns the committed transaction ids.
     */
    Set<String> assertDatabasesAgree(TendermintRpc.Status converged) {
        List<BlockRecord> reference = null;
        Set<String> referenceIds = null;
        for (Member m : members) {
            try (LedgerStore store = LedgerStore.open(mongo.uri(), m.database)) {
                BlockRecord latest = store.latestBlock()
                        .orElseThrow(() -> new AssertionError("member " + m.index + " stored no block"));
                if (latest.height() != converged.latestBlockHeight()) {
                    throw new AssertionError("member " + m.index + " stored height " + latest.height()
                            + ", Tendermint is at " + converged.latestBlockHeight());
                }
                String shown = HEX.withUpperCase().formatHex(latest.appHash().getBytes(StandardCharsets.US_ASCII));
                if (!shown.equals(converged.latestAppHash())) {
                    throw new AssertionError("member " + m.index + " stored app hash " + latest.appHash()
                            + ", Tendermint reports " + converged.latestAppHash());
                }
                List<BlockRecord> blocks = new ArrayList<>();
                Set<String> ids = new LinkedHashSet<>();
                long listed = 0;
                for (long h = 1; h <= latest.height(); h++) {
                    var b = store.block(h);
                    if (b.isPresent()) {
                        blocks.add(b.get());
                        ids.addAll(b.get().transactions());
                        listed += b.get().transactions().size();
                    }
                }
                if (listed != ids.size()) {
                    throw new AssertionError("member " + m.index + ": a transaction is listed in two blocks");
                }
                if (store.countTransactions() != ids.size()) {
                    throw new AssertionError("member " + m.index + " stores " + store.countTransactions()
                            + " transactions, its blocks list " + ids.size());
                }
                for (String txId : ids) {
                    if (!store.isCommitted(txId)) {
                        throw new AssertionError(
                                "member " + m.index + " lists " + txId + " in a block but does not store it");
                    }
                }
                if (reference == null) {
                    reference = blocks;
                    referenceIds = ids;
                } else {
                    if (!reference.equals(blocks)) {
                        throw new AssertionError("member " + m.index + "'s blocks differ from member 1's");
                    }
                    if (!referenceIds.equals(ids)) {
                        throw new AssertionError("member " + m.index + "'s transactions differ from member 1's");
                    }
                }
            }
        }
        return referenceIds;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(Duration timeout, String what, Check check) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            FaultSupport.sleep(200);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what
                + (last == null ? "" : " (last error: " + last + ")"));
    }

    @Override
    public void close() {
        for (Member m : members) {
            try {
                m.stopTendermint();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
        for (Member m : members) {
            try {
                m.stopApp();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
        mongo.close();
        if (netns != null) {
            netns.close();
        }
        if (Boolean.getBoolean("ledgerd.keepNetworks")) {
            System.out.println("kept " + root + " (-Dledgerd.keepNetworks=true)");
            return;
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    /** One member: its home (written by the CLI), its app and its Tendermint. */
    static final class Member {
        final LocalNetwork net;
        final int index;
        final Path home;
        final String database;
        final String hostname;
        final String rpcHost;
        final int rpcPort;
        final int p2pPort;
        final String abciHost;
        final int abciPort;
        final int httpPort;
        final String netnsName;
        final boolean childApp;
        private AppNode inProcessApp;
        private ChildProcess childProcessApp;
        private boolean bigchainDb;
        private BigchainDbServer bigchainDbServer;
        private ChildProcess tendermint;
        private int generation;

        Member(
                LocalNetwork net,
                int index,
                Path home,
                String database,
                String hostname,
                String rpcHost,
                int rpcPort,
                int p2pPort,
                String abciHost,
                int abciPort,
                int httpPort,
                String netnsName,
                boolean childApp,
                boolean bigchainDb) {
            this.net = net;
            this.index = index;
            this.home = home;
            this.database = database;
            this.hostname = hostname;
            this.rpcHost = rpcHost;
            this.rpcPort = rpcPort;
            this.p2pPort = p2pPort;
            this.abciHost = abciHost;
            this.abciPort = abciPort;
            this.httpPort = httpPort;
            this.netnsName = netnsName;
            this.childApp = childApp;
            this.bigchainDb = bigchainDb;
        }

        /** Whether this member runs BigchainDB 2.2.2 (until {@link #replaceBigchainDbWithOurs()}). */
        boolean isBigchainDb() {
            return bigchainDb;
        }

        /** The base URL of this member's HTTP API (ours or BigchainDB's), without a trailing slash. */
        String httpUrl() {
            return "http://127.0.0.1:" + httpPort;
        }

        /**
         * The operators' migration: BigchainDB stops, our app starts on the database BigchainDB wrote, with the
         * member's own app.properties, and Tendermint is restarted (0.31.5 does not reconnect to a new app).
         */
        void replaceBigchainDbWithOurs() {
            if (!bigchainDb) {
                throw new IllegalStateException("member " + index + " does not run BigchainDB");
            }
            stopTendermint();
            stopApp();
            bigchainDb = false;
            startApp();
            startTendermint();
        }

        String name() {
            return "net-" + net.id + "-m" + index;
        }

        TendermintRpc rpc() {
            return new TendermintRpc(URI.create("http://" + rpcHost + ":" + rpcPort));
        }

        /** The RPC with each call bounded by {@code timeout}. */
        TendermintRpc rpc(java.time.Duration timeout) {
            return new TendermintRpc(URI.create("http://" + rpcHost + ":" + rpcPort), timeout);
        }

        TendermintRpc.Status status() throws IOException {
            return rpc().status();
        }

        long height() {
            try {
                return status().latestBlockHeight();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int peers() throws IOException {
            return rpc().call("net_info", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())
                    .path("n_peers")
                    .asInt();
        }

        void startApp() {
            Path config = home.resolve("app.properties");
            if (bigchainDb) {
                bigchainDbServer = BigchainDbServer.builder()
                        .name(name() + "-bigchaindb")
                        .dir(home.resolve("bigchaindb"))
                        .mongo(net.mongo)
                        .database(database)
                        .tendermintRpc(rpcHost, rpcPort)
                        .abci(abciHost, abciPort)
                        .httpPort(httpPort)
                        .build()
                        .start();
            } else if (childApp) {
                List<String> cmd = List.of(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "net.ledgerd.app.cli.LedgerdCli",
                        "start",
                        "--config",
                        config.toString());
                childProcessApp = ChildProcess.start(name() + "-app-" + generation++, cmd, Map.of());
                FreePorts.awaitAccepting(abciHost, abciPort, Duration.ofSeconds(60), childProcessApp);
            } else {
                inProcessApp = AppNode.start(AppConfig.load(config, Map.of(), Map.of()));
            }
        }

        /** SIGKILL of a child-JVM app; an in-process app is closed (its sockets shut at once). */
        void killApp() {
            if (bigchainDbServer != null) {
                bigchainDbServer.kill();
                bigchainDbServer = null;
            }
            if (childProcessApp != null) {
                childProcessApp.kill();
                childProcessApp = null;
            }
            if (inProcessApp != null) {
                inProcessApp.close();
                inProcessApp = null;
            }
        }

        void stopApp() {
            if (bigchainDbServer != null) {
                bigchainDbServer.stop();
                bigchainDbServer = null;
            }
            if (childProcessApp != null) {
                childProcessApp.stop();
                childProcessApp = null;
            }
            if (inProcessApp != null) {
                inProcessApp.close();
                inProcessApp = null;
            }
        }

        void startTendermint() {
            List<String> cmd = new ArrayList<>();
            if (netnsName != null) {
                cmd.addAll(List.of("ip", "netns", "exec", netnsName));
            }
            cmd.addAll(List.of(Tools.tendermint().toString(), "node", "--home", home.toString()));
            tendermint = ChildProcess.start(name() + "-tm", cmd, Map.of("TMHOME", home.toString()));
            FreePorts.awaitAccepting(rpcHost, rpcPort, Duration.ofSeconds(60), tendermint);
        }

        /** kill -9 of this member's Tendermint. */
        void killTendermint() {
            if (tendermint != null) {
                tendermint.kill();
                tendermint = null;
            }
        }

        void stopTendermint() {
            if (tendermint != null) {
                tendermint.stop();
                tendermint = null;
            }
        }
    }

    /**
     * Member 4's network namespace and its two veth pairs: {@code p2p} (10.A.B.0/30) and {@code ctl} (10.A.B.4/30),
     * addresses chosen at random so that concurrent runs do not collide.
     */
    static final class Netns implements AutoCloseable {
        final String name;
        final String p2pHost;
        final String p2pInside;
        final String ctlHost;
        final String ctlInside;
        private final String p2pDevInside;
        private final String p2pDevHost;
        private final String ctlDevHost;

        private Netns(String tag, int a, int b) {
            name = "ledgerd-" + tag;
            String prefix = "10." + a + "." + b + ".";
            p2pHost = prefix + "1";
            p2pInside = prefix + "2";
            ctlHost = prefix + "5";
            ctlInside = prefix + "6";
            p2pDevHost = "lp" + tag + "h";
            p2pDevInside = "lp" + tag + "n";
            ctlDevHost = "lc" + tag + "h";
        }

        /** Whether this machine lets the test make namespaces and veth pairs (root with ip(8)). */
        static boolean available() {
            try {
                Process p = new ProcessBuilder("ip", "netns", "list")
                        .redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                return p.waitFor() == 0 && "root".equals(System.getProperty("user.name"));
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        static Netns create() {
            String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
            Netns ns = new Netns(
                    tag,
                    100 + ThreadLocalRandom.current().nextInt(100),
                    ThreadLocalRandom.current().nextInt(250));
            Runtime.getRuntime().addShutdownHook(new Thread(ns::close));
            try {
                ip("netns", "add", ns.name);
                ip("netns", "exec", ns.name, "ip", "link", "set", "lo", "up");
                ns.pair(ns.p2pDevHost, ns.p2pDevInside, ns.p2pHost, ns.p2pInside);
                ns.pair(ns.ctlDevHost, "lc" + tag + "n", ns.ctlHost, ns.ctlInside);
            } catch (RuntimeException e) {
                ns.close();
                throw e;
            }
            return ns;
        }

        private void pair(String hostDev, String nsDev, String hostAddr, String nsAddr) {
            ip("link", "add", hostDev, "type", "veth", "peer", "name", nsDev);
            ip("link", "set", nsDev, "netns", name);
            ip("addr", "add", hostAddr + "/30", "dev", hostDev);
            ip("link", "set", hostDev, "up");
            ip("netns", "exec", name, "ip", "addr", "add", nsAddr + "/30", "dev", nsDev);
            ip("netns", "exec", name, "ip", "link", "set", nsDev, "up");
        }

        /** Takes the namespace end of the p2p pair down (or up): the host keeps its own address, member 4 loses its route. */
        void setP2p(boolean up) {
            ip("netns", "exec", name, "ip", "link", "set", p2pDevInside, up ? "up" : "down");
        }

        static void ip(String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add("ip");
            cmd.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (p.waitFor() != 0) {
                    throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized void close() {
            for (String dev : List.of(p2pDevHost, ctlDevHost)) {
                try {
                    ip("link", "del", dev);
                } catch (RuntimeException e) {
                    // already gone
                }
            }
            try {
                ip("netns", "del", name);
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }
}
