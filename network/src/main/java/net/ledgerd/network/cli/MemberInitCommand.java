package net.ledgerd.network.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.ledgerd.network.Endpoint;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.config.Addresses;
import net.ledgerd.network.member.AppProperties;
import net.ledgerd.network.member.MemberHome;
import net.ledgerd.network.member.MemberSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Create a member home with fresh keys and the app's config file.",
        description = {
            "Create a member's home: a Tendermint 0.31.5 home with fresh ed25519 keys",
            "(config/priv_validator_key.json, config/node_key.json,",
            "data/priv_validator_state.json), member.properties (moniker, hostname,",
            "p2p port) and app.properties (the app's config file).",
            "Never overwrites: refuses if any of these files exists."
        },
        footer = {
            "",
            "When --hostname is a loopback address (127.x.y.z), the listen addresses default",
            "to it and the database to bigchain_<moniker>, so several members can share one",
            "machine on the standard ports, each on its own 127.0.0.x address."
        })
public final class MemberInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--home",
            required = true,
            paramLabel = "DIR",
            description = "The member's home directory (created if missing).")
    Path home;

    @Option(
            names = "--moniker",
            required = true,
            paramLabel = "NAME",
            description = "The member's name: Tendermint moniker and validator name in genesis (printable ASCII).")
    String moniker;

    @Option(
            names = "--hostname",
            paramLabel = "HOST",
            description = "DNS name or IP address the other members dial (default: this machine's host name).")
    String hostname;

    @Option(
            names = "--p2p-port",
            paramLabel = "PORT",
            defaultValue = "26656",
            description = "Port the other members dial (default: ${DEFAULT-VALUE}).")
    int p2pPort;

    @Option(
            names = "--abci-addr",
            paramLabel = "HOST:PORT",
            description =
                    "Where the app listens for Tendermint (default: 127.0.0.1:26658, or HOST:26658 for a loopback --hostname).")
    String abciAddr;

    @Option(
            names = "--http-addr",
            paramLabel = "HOST:PORT",
            description =
                    "The app's BigchainDB HTTP API (default: 0.0.0.0:9984, or HOST:9984 for a loopback --hostname).")
    String httpAddr;

    @Option(
            names = "--mongodb-uri",
            paramLabel = "URI",
            defaultValue = AppProperties.DEFAULT_MONGODB_URI,
            description = "This member's MongoDB (default: ${DEFAULT-VALUE}).")
    String mongodbUri;

    @Option(
            names = "--mongodb-database",
            paramLabel = "NAME",
            description =
                    "Database name (default: bigchain as BigchainDB; bigchain_<moniker> for a loopback --hostname).")
    String database;

    @Option(
            names = "--if-missing",
            description = "If the home is already initialised, keep it and succeed (for container entrypoints).")
    boolean ifMissing;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MemberHome memberHome = MemberHome.at(home);
        if (ifMissing && memberHome.isInitialised()) {
            memberHome.identity(); // still check it is sound
            out.println("member home " + memberHome.root() + " already initialised; kept as is");
            return 0;
        }
        String host = hostname != null ? hostname : localHostName();
        MemberSettings settings;
        try {
            settings = new MemberSettings(moniker, host, p2pPort);
        } catch (OperatorError e) {
            throw hostname == null && e.getMessage().startsWith("hostname")
                    ? new OperatorError(
                            "this machine's host name cannot be used (" + e.getMessage() + "); pass --hostname")
                    : e;
        }
        String bind = Addresses.isLoopbackIp(host) ? host : null;
        AppProperties app = new AppProperties(
                Endpoint.parse(
                        abciAddr != null ? abciAddr : (bind != null ? bind : "127.0.0.1") + ":26658", "--abci-addr"),
                Endpoint.parse(
                        httpAddr != null ? httpAddr : (bind != null ? bind : "0.0.0.0") + ":9984", "--http-addr"),
                mongodbUri,
                database != null
                        ? database
                        : bind != null
                                ? "bigchain_" + moniker.replaceAll("[^A-Za-z0-9_-]", "_")
                                : AppProperties.DEFAULT_DATABASE,
                "http://" + (bind != null ? bind : "127.0.0.1") + ":26657");
        MemberHome.Identity id = memberHome.init(settings, app);
        out.println("created member home " + memberHome.root());
        out.println("  moniker           " + settings.moniker());
        out.println("  p2p address       " + id.info().peerAddress()
                + (hostname == null ? "   (hostname defaulted; pass --hostname to choose)" : ""));
        out.println("  validator address " + id.validatorKey().address());
        out.println("  app config        " + memberHome.appProperties());
        out.println("next: ledgerd-network member info --home " + home + " > "
                + settings.moniker().replaceAll("[^A-Za-z0-9._-]", "_")
                + ".json, and send that file to the other members");
        return 0;
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "127.0.0.1" : name;
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
