package net.ledgerd.network.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code election new}: start an election of one of 2.2.2's two kinds. */
@Command(
        name = "new",
        mixinStandardHelpOptions = true,
        header = "Start an election: upsert-validator or chain-migration.",
        description =
                "Start an election, signed with this member's validator key; prints election_id=ID once committed.",
        subcommands = {
            ElectionNewUpsertValidatorCommand.class,
            ElectionNewChainMigrationCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ElectionNewCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "choose an election type: upsert-validator or chain-migration");
    }
}
