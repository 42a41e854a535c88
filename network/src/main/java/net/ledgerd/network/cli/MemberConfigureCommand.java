package net.ledgerd.network.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.ledgerd.network.config.Configurator;
import net.ledgerd.network.member.MemberHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "configure",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Install genesis.json and write config.toml with the peers.",
        description = {
            "Join the network: copy genesis.json into the home and write",
            "config/config.toml (every Tendermint 0.31.5 key) with this member's moniker,",
            "the other members as persistent_peers (id@host:port), create_empty_blocks =",
            "false, mempool recheck = false, p2p send_rate = recv_rate = 102400000,",
            "timeout_commit = 600ms, flush_throttle_timeout = peer_gossip_sleep_duration =",
            "20ms and the log level; point the app's tendermint.rpc at this node's RPC.",
            "Can be re-run;",
            "refuses to replace the genesis of a home that already holds blocks."
        },
        footer = {
            "",
            "addr_book_strict is turned off when any member has a private or local address;",
            "allow_duplicate_ip is turned on when members share a host or run on this",
            "machine (they connect from 127.0.0.1). --addr-book-strict and",
            "--allow-duplicate-ip decide it yourself. Listen addresses default to 0.0.0.0,",
            "or to the member's own 127.x.y.z hostname."
        })
public final class MemberConfigureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--home", required = true, paramLabel = "DIR", description = "The member's home directory.")
    Path home;

    @Option(
            names = "--genesis",
            required = true,
            paramLabel = "FILE",
            description = "The network's genesis.json (from `genesis`).")
    Path genesis;

    @Option(
            names = "--peers",
            arity = "1..*",
            paramLabel = "INFO.json",
            description =
                    "The members' info files (from `member info`); this member's own file may be among them and is skipped.")
    List<Path> peers = new ArrayList<>();

    @Option(
            names = "--p2p-addr",
            paramLabel = "HOST:PORT",
            description = "p2p listen address (default: 0.0.0.0:<p2p port from member init>).")
    String p2pAddr;

    @Option(
            names = "--rpc-addr",
            paramLabel = "HOST:PORT",
            description = "RPC listen address (default: 0.0.0.0:26657).")
    String rpcAddr;

    @Option(
            names = "--proxy-app",
            paramLabel = "ADDR",
            description =
                    "Where the app listens: tcp://HOST:PORT, unix://PATH, or a built-in app such as kvstore (default: abci.address from app.properties).")
    String proxyApp;

    @Option(
            names = "--log-level",
            paramLabel = "LEVELS",
            description = "Tendermint log_level (default: " + Configurator.DEFAULT_LOG_LEVEL + ").")
    String logLevel;

    @Option(
            names = "--external-address",
            paramLabel = "HOST:PORT",
            description = "p2p address advertised to peers (default: none, the listen address).")
    String externalAddress;

    @Option(
            names = "--addr-book-strict",
            arity = "1",
            paramLabel = "true|false",
            description = "Override the derived p2p.addr_book_strict.")
    Boolean addrBookStrict;

    @Option(
            names = "--allow-duplicate-ip",
            arity = "1",
            paramLabel = "true|false",
            description = "Override the derived p2p.allow_duplicate_ip.")
    Boolean allowDuplicateIp;

    @Option(
            names = "--non-validator",
            description = "Allow a genesis that does not list this member's validator key (a node that does not vote).")
    boolean nonValidator;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            mapFallbackValue = "",
            description =
                    "Set any other config.toml key, e.g. --set consensus.timeout_commit=500ms (section.key; lists as a,b). Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() {
        Configurator.Result result = new Configurator(MemberHome.at(home))
                .configure(new Configurator.Options(
                        genesis,
                        peers,
                        p2pAddr,
                        rpcAddr,
                        proxyApp,
                        logLevel,
                        externalAddress,
                        addrBookStrict,
                        allowDuplicateIp,
                        nonValidator,
                        overrides));
        PrintWriter out = spec.commandLine().getOut();
        result.notes().forEach(n -> out.println(n));
        PrintWriter err = spec.commandLine().getErr();
        result.warnings().forEach(w -> err.println("warning: " + w));
        out.println("next: start MongoDB, the app (java -jar ledgerd-app.jar start --config "
                + MemberHome.at(home).appProperties() + ") and Tendermint (tendermint node --home "
                + MemberHome.at(home).root() + ")");
        return 0;
    }
}
