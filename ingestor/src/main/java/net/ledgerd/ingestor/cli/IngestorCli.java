package net.ledgerd.ingestor.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ledgerd-ingestor}: run the ingestor, simulate devices, make an owner key file. */
@Command(
        name = "ledgerd-ingestor",
        mixinStandardHelpOptions = true,
        version = "ledgerd-ingestor 0.1.0",
        description = "Reads device readings from Kafka and records them on the ledger, exactly once.",
        subcommands = {
            RunCommand.class,
            SimulateCommand.class,
            KeygenCommand.class,
            TopicsCommand.class,
            AssetIdCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class IngestorCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new IngestorCli());
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
