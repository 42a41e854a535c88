package net.ledgerd.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the app jar: {@code java -jar ledgerd-app.jar start --help}. */
@Command(
        name = "ledgerd",
        mixinStandardHelpOptions = true,
        version = "ledgerd 0.1.0 (BigchainDB 2.2.2 compatible, Tendermint 0.31.5)",
        description = "A BigchainDB 2.2.2-compatible ABCI application for Tendermint 0.31.5.",
        subcommands = {StartCommand.class})
public final class LedgerdCli {
    public static void main(String[] args) {
        System.exit(new CommandLine(new LedgerdCli()).execute(args));
    }
}
