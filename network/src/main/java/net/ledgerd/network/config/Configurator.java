package net.ledgerd.network.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.ledgerd.network.Endpoint;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.SafeFiles;
import net.ledgerd.network.genesis.Genesis;
import net.ledgerd.network.member.AppProperties;
import net.ledgerd.network.member.MemberHome;
import net.ledgerd.network.member.MemberInfo;

/**
 * A member's last step before starting (BigchainDB's "Member: Connect to the Other Members"): puts the network's
 * genesis.json into the home and writes config.toml with the moniker, the other members as persistent peers, and
 * the settings a BigchainDB network runs with (no empty blocks, no mempool recheck, p2p rates raised to 100 MB/s),
 * {@link #TIMEOUT_COMMIT} and {@link #P2P_HOP_DELAY}.
 */
public final class Configurator {
    public static final String DEFAULT_LOG_LEVEL = "main:info,state:info,*:error";
    /** BigchainDB 2.2.2's network setup raises both p2p rates from 5 MB/s to this. */
    public static final long P2P_RATE = 102400000;
    /**
     * How long a member waits after a commit before the next height's proposal. Our Tendermint build honours it when
     * transactions are waiting (network/tendermint-build/patches/wait-timeout-commit-with-txs.patch; unpatched 0.31.5
     * proposes at once and never waits). It covers a transaction sent when the commit is seen: the broadcast, CheckTx
     * and the gossip to the proposer, so it makes the next block rather than the one after. Measured with the
     * ingestor's benchmark: 350 ms was too short (most blocks alternated between empty and double).
     */
    public static final String TIMEOUT_COMMIT = "600ms";
    /**
     * Both {@code p2p.flush_throttle_timeout} (how long a connection holds what it has written before sending it) and
     * {@code consensus.peer_gossip_sleep_duration} (how long a gossip routine sleeps when its peer needs nothing).
     * Tendermint's 100 ms default for each delays every hop: the proposal, the prevotes, the precommits, and each
     * transaction's way from the member that checked it to the proposer. Under the ingestor's load that was ~0.4 s of
     * every block; at 20 ms blocks came every 0.72 s instead of 0.99 s for the same CPU, where 10 ms cost more CPU
     * for no further gain (docs/ingestor-benchmark-log.md, fifteenth session). Timing only: members with other values
     * share a network.
     */
    public static final String P2P_HOP_DELAY = "20ms";

    public static final int DEFAULT_RPC_PORT = 26657;
    private static final Set<String> BUILT_IN_APPS =
            Set.of("kvstore", "persistent_kvstore", "counter", "counter_serial", "noop");
    private static final Pattern LEVEL = Pattern.compile("debug|info|error|none");

    /** What the operator chose; null means "derive it". */
    public record Options(
            Path genesis,
            List<Path> peers,
            String p2pAddr,
            String rpcAddr,
            String proxyApp,
            String logLevel,
            String externalAddress,
            Boolean addrBookStrict,
            Boolean allowDuplicateIp,
            boolean nonValidator,
            Map<String, String> overrides) {}

    /** What was written and decided, for the operator to read. */
    public record Result(TendermintConfig config, List<String> notes, List<String> warnings) {}

    private final MemberHome home;

    public Configurator(MemberHome home) {
        this.home = home;
    }

    public Result configure(Options o) {
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        MemberHome.Identity me = home.identity();
        MemberInfo self = me.info();

        // genesis: valid for Tendermint, and naming this member as a validator
        byte[] genesisBytes = readBytes(o.genesis());
        Genesis genesis = Genesis.read(o.genesis());
        Genesis.Validator ours = genesis.validators().stream()
                .filter(v -> Arrays.equals(v.pubKey(), self.pubKey()))
                .findFirst()
                .orElse(null);
        if (ours == null && !o.nonValidator()) {
            throw new OperatorError(
                    o.genesis() + " does not list this member's validator key (address " + self.address()
                            + "); was this member's info given to `genesis`? (pass --non-validator to run a node that does not vote)");
        }
        if (ours != null && !ours.name().equals(self.moniker())) {
            warnings.add("genesis names this member's validator '" + ours.name() + "' but its moniker is '"
                    + self.moniker() + "'");
        }

        // peers: every other member, each valid, none twice
        List<MemberInfo> peers = peers(o.peers(), self, genesis, warnings);
        long otherValidators = genesis.validators().size() - (ours == null ? 0 : 1);
        if (peers.isEmpty() && otherValidators > 0) {
            throw new OperatorError("no peers: genesis has " + otherValidators
                    + " other validator(s); pass their info files with --peers");
        }

        // addresses
        String bindHost = Addresses.isLoopbackIp(self.hostname()) ? self.hostname() : "0.0.0.0";
        Endpoint p2p = o.p2pAddr() != null
                ? Endpoint.parse(o.p2pAddr(), "--p2p-addr")
                : new Endpoint(bindHost, self.p2pPort());
        if (p2p.port() != self.p2pPort()) {
            warnings.add(
                    "--p2p-addr listens on port " + p2p.port() + " but this member's info tells peers to dial port "
                            + self.p2pPort() + " (fine only if a port forward maps one to the other)");
        }
        Endpoint rpc = o.rpcAddr() != null
                ? Endpoint.parse(o.rpcAddr(), "--rpc-addr")
                : new Endpoint(bindHost, DEFAULT_RPC_PORT);
        AppProperties app = Files.exists(home.appProperties()) ? AppProperties.read(home.appProperties()) : null;
        String proxyApp;
        if (o.proxyApp() != null) {
            proxyApp = proxyApp(o.proxyApp());
        } else if (app != null) {
            proxyApp = app.proxyApp();
        } else {
            throw new OperatorError(home.appProperties()
                    + " is missing; pass --proxy-app tcp://HOST:PORT (where the app listens for ABCI)");
        }
        String logLevel = logLevel(o.logLevel() != null ? o.logLevel() : DEFAULT_LOG_LEVEL);

        List<MemberInfo> everyone = new ArrayList<>(peers);
        everyone.add(self);
        boolean privateHosts = everyone.stream().anyMatch(m -> Addresses.isPrivateOrLocal(m.hostname()));
        boolean strict = o.addrBookStrict() != null ? o.addrBookStrict() : !privateHosts;
        Map<String, Long> perHost = everyone.stream()
                .collect(Collectors.groupingBy(m -> m.hostname().toLowerCase(Locale.ROOT), Collectors.counting()));
        boolean sharedHost = perHost.values().stream().anyMatch(n -> n > 1);
        boolean onOneMachine = everyone.stream().anyMatch(m -> Addresses.isLoopback(m.hostname()));
        boolean duplicateIp = o.allowDuplicateIp() != null ? o.allowDuplicateIp() : sharedHost || onOneMachine;

        TendermintConfig config = TendermintConfig.defaults()
                .set("moniker", self.moniker())
                .set("proxy_app", proxyApp)
                .set("log_level", logLevel)
                .set("rpc.laddr", rpc.tcp())
                .set("p2p.laddr", p2p.tcp())
                .set(
                        "p2p.persistent_peers",
                        peers.stream().map(MemberInfo::peerAddress).collect(Collectors.joining(",")))
                .set("p2p.send_rate", P2P_RATE)
                .set("p2p.recv_rate", P2P_RATE)
                .set("p2p.addr_book_strict", strict)
                .set("p2p.allow_duplicate_ip", duplicateIp)
                .set("p2p.flush_throttle_timeout", P2P_HOP_DELAY)
                .set("consensus.peer_gossip_sleep_duration", P2P_HOP_DELAY)
                .set("mempool.recheck", false)
                .set("consensus.create_empty_blocks", false)
                .set("consensus.timeout_commit", TIMEOUT_COMMIT);
        if (o.externalAddress() != null) {
            config.set(
                    "p2p.external_address",
                    Endpoint.parse(o.externalAddress(), "--external-address").tcp());
        }
        for (Map.Entry<String, String> e : o.overrides().entrySet()) {
            config.setText(e.getKey(), e.getValue());
            notes.add("set " + e.getKey() + " = " + e.getValue() + " (--set)");
        }
        checkListenAddresses(config);

        // write: genesis first (refusing to swap the genesis of a chain that has started), then config.toml, then the
        // app's file
        writeGenesis(genesisBytes, genesis, notes);
        SafeFiles.write(home.configToml(), config.render(), SafeFiles.PUBLIC);
        notes.add("wrote " + home.configToml());
        if (app != null) {
            String url = "http://"
                    + Endpoint.parse((String) config.get("rpc.laddr"), "rpc.laddr")
                            .forLocalClient();
            if (!url.equals(app.tendermintRpc())) {
                AppProperties.update(home.appProperties(), Map.of("tendermint.rpc", url));
                notes.add("set tendermint.rpc=" + url + " in " + home.appProperties());
            }
        }
        notes.add("moniker " + self.moniker() + ", chain " + genesis.chainId() + ", "
                + genesis.validators().size() + " validator(s)"
                + (ours == null ? " (this member is not one of them)" : ""));
        notes.add("persistent_peers: " + (peers.isEmpty() ? "(none)" : config.get("p2p.persistent_peers")));
        notes.add("p2p " + config.get("p2p.laddr") + ", rpc " + config.get("rpc.laddr") + ", app "
                + config.get("proxy_app"));
        notes.add("addr_book_strict = " + config.get("p2p.addr_book_strict")
                + (o.addrBookStrict() != null
                        ? " (given)"
                        : privateHosts
                                ? " (some members have private or local addresses)"
                                : " (all members have public addresses)"));
        notes.add("allow_duplicate_ip = " + config.get("p2p.allow_duplicate_ip")
                + (o.allowDuplicateIp() != null
                        ? " (given)"
                        : sharedHost
                                ? " (several members share a host)"
                                : onOneMachine
                                        ? " (members on this machine connect from 127.0.0.1)"
                                        : " (every member has its own host)"));
        return new Result(config, notes, warnings);
    }

    private List<MemberInfo> peers(List<Path> files, MemberInfo self, Genesis genesis, List<String> warnings) {
        List<MemberInfo> peers = new ArrayList<>();
        Map<String, Path> nodeIds = new HashMap<>();
        Map<String, Path> endpoints = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            MemberInfo info;
            try {
                info = MemberInfo.read(file);
            } catch (OperatorError e) {
                problems.add(e.getMessage());
                continue;
            }
            if (info.nodeId().equals(self.nodeId())) {
                if (!info.equals(self)) {
                    problems.add(file
                            + " has this member's node id but differs from `member info` of this home; regenerate it");
                }
                continue; // a member is not its own peer
            }
            if (Arrays.equals(info.pubKey(), self.pubKey())) {
                problems.add(file + " (" + info.moniker() + ") claims this member's validator key");
                continue;
            }
            Path earlier = nodeIds.putIfAbsent(info.nodeId(), file);
            if (earlier != null) {
                problems.add("node id " + info.nodeId() + " is in both " + earlier + " and " + file);
                continue;
            }
            Path sameAddress = endpoints.putIfAbsent(info.endpoint().toLowerCase(Locale.ROOT), file);
            if (sameAddress != null || info.endpoint().equalsIgnoreCase(self.endpoint())) {
                problems.add(file + " (" + info.moniker() + ") has the p2p address " + info.endpoint() + " of "
                        + (sameAddress != null ? sameAddress : "this member"));
                continue;
            }
            if (genesis.validators().stream().noneMatch(v -> Arrays.equals(v.pubKey(), info.pubKey()))) {
                warnings.add(
                        file + " (" + info.moniker() + ") is not a validator in genesis; it is still added as a peer");
            }
            peers.add(info);
        }
        if (!problems.isEmpty()) {
            throw new OperatorError("bad --peers: " + String.join("; ", problems));
        }
        for (Genesis.Validator v : genesis.validators()) {
            boolean known = Arrays.equals(v.pubKey(), self.pubKey())
                    || peers.stream().anyMatch(p -> Arrays.equals(p.pubKey(), v.pubKey()));
            if (!known) {
                warnings.add("validator " + v.name() + " (" + v.address()
                        + ") has no --peers entry; this node reaches it only through other peers");
            }
        }
        return peers;
    }

    private void writeGenesis(byte[] bytes, Genesis genesis, List<String> notes) {
        Path target = home.genesisFile();
        if (Files.exists(target)) {
            byte[] existing = readBytes(target);
            if (Arrays.equals(existing, bytes)) {
                notes.add(target + " is already this genesis");
                return;
            }
            if (home.hasChainData()) {
                String oldChain;
                try {
                    oldChain = Genesis.read(target).chainId();
                } catch (OperatorError e) {
                    oldChain = "?";
                }
                throw new OperatorError(home.root() + " already holds blocks of chain '" + oldChain
                        + "' made from a different genesis.json; " + "refusing to replace it (chain '"
                        + genesis.chainId() + "'). Use a fresh home for a new chain.");
            }
        }
        SafeFiles.write(target, new String(bytes, java.nio.charset.StandardCharsets.UTF_8), SafeFiles.PUBLIC);
        notes.add("copied genesis (chain " + genesis.chainId() + ") to " + target);
    }

    /** No two of Tendermint's listeners may take the same port on the same (or every) interface. */
    private static void checkListenAddresses(TendermintConfig config) {
        List<String> keys = new ArrayList<>(List.of("rpc.laddr", "p2p.laddr", "rpc.grpc_laddr", "prof_laddr"));
        if (Boolean.TRUE.equals(config.get("instrumentation.prometheus"))) {
            keys.add("instrumentation.prometheus_listen_addr");
        }
        Map<String, Endpoint> listeners = new LinkedHashMap<>();
        for (String key : keys) {
            String value = (String) config.get(key);
            if (!value.isEmpty() && !value.startsWith("unix://")) {
                listeners.put(key, Endpoint.parse(value.startsWith(":") ? "0.0.0.0" + value : value, key));
            }
        }
        List<Map.Entry<String, Endpoint>> list = new ArrayList<>(listeners.entrySet());
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                Endpoint a = list.get(i).getValue();
                Endpoint b = list.get(j).getValue();
                if (a.port() == b.port()
                        && (a.isWildcard() || b.isWildcard() || a.host().equalsIgnoreCase(b.host()))) {
                    throw new OperatorError(list.get(i).getKey() + " (" + a + ") and "
                            + list.get(j).getKey() + " (" + b + ") would listen on the same port");
                }
            }
        }
    }

    static String proxyApp(String value) {
        if (BUILT_IN_APPS.contains(value)) {
            return value;
        }
        if (value.startsWith("unix://") && value.length() > "unix://".length()) {
            return value;
        }
        if (value.startsWith("tcp://")) {
            return Endpoint.parse(value, "--proxy-app").tcp();
        }
        throw new OperatorError("--proxy-app must be tcp://HOST:PORT, unix://PATH or a built-in app ("
                + String.join(", ", BUILT_IN_APPS.stream().sorted().toList()) + "), got '" + value + "'");
    }

    /** Tendermint 0.31.5's log_level syntax: LEVEL, or MODULE:LEVEL pairs separated by commas. */
    static String logLevel(String value) {
        if (value.isBlank()) {
            throw new OperatorError("--log-level is empty");
        }
        String[] items = value.contains(":") ? value.split(",", -1) : new String[] {"*:" + value};
        for (String item : items) {
            String[] pair = item.split(":", -1);
            if (pair.length != 2 || pair[0].isBlank() || !LEVEL.matcher(pair[1]).matches()) {
                throw new OperatorError("--log-level '" + value
                        + "' must be LEVEL or MODULE:LEVEL,... with LEVEL one of debug, info, error, none" + " (e.g. "
                        + DEFAULT_LOG_LEVEL + ")");
            }
        }
        return value;
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new OperatorError(file + " does not exist");
        } catch (java.io.IOException e) {
            throw new OperatorError("cannot read " + file + ": " + e.getMessage());
        }
    }
}
