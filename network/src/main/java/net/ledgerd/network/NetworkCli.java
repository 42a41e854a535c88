package net.ledgerd.network;

import java.io.PrintWriter;
import net.ledgerd.network.cli.ElectionCommand;
import net.ledgerd.network.cli.GenesisCommand;
import net.ledgerd.network.cli.MemberCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ledgerd-network}: the operator's tool for forming a network of members, each running Tendermint 0.31.5,
 * the ledgerd app and MongoDB. It writes every file Tendermint and the app need, so nobody edits JSON or TOML by hand.
 * Exit codes: 0 done, 1 refused (the message says why), 2 bad command line.
 */
@Command(
        name = "ledgerd-network",
        mixinStandardHelpOptions = true,
        versionProvider = NetworkCli.Version.class,
        description = {
            "Operator tooling for a ledgerd network: per member, Tendermint 0.31.5 +",
            "the ledgerd app + MongoDB. Writes every file they need; no hand editing.",
            "",
            "Forming a network (BigchainDB 2.2.2's member workflow):",
            "  1. each member:  member init --home DIR --moniker NAME --hostname HOST",
            "  2. each member:  member info --home DIR --out NAME.json",
            "                   and send NAME.json to the coordinator and the others",
            "  3. coordinator:  genesis --chain-id ID --member *.json --out genesis.json",
            "                   and send genesis.json to every member",
            "  4. each member:  member configure --home DIR --genesis genesis.json",
            "                   --peers *.json",
            "  5. each member:  start MongoDB, the app",
            "                   (java -jar ledgerd-app.jar start --config DIR/app.properties)",
            "                   and Tendermint (tendermint node --home DIR);",
            "                   network/deploy has systemd units and compose files.",
            "",
            "Changing the validators later: election new|approve|show (see election --help).",
            ""
        },
        subcommands = {MemberCommand.class, GenesisCommand.class, ElectionCommand.class, CommandLine.HelpCommand.class})
public final class NetworkCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static final String VERSION = "0.1.0";

    private NetworkCli() {}

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: member, genesis or election");
    }

    /** Runs the CLI with the given streams and returns its exit code (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new NetworkCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof OperatorError) {
                commandLine.getErr().println("error: " + ex.getMessage());
                commandLine.getErr().flush();
                return 1;
            }
            throw ex;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "ledgerd-network " + VERSION + " (writes Tendermint 0.31.5 homes, genesis.json and config.toml)"
            };
        }
    }
}
