package net.ledgerd.network.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code member}: one member's own steps (init, info, configure). */
@Command(
        name = "member",
        mixinStandardHelpOptions = true,
        header = "A member's own steps: init, info, configure.",
        description =
                "A member's own steps: create its home and keys, print what it shares, configure it for the network.",
        subcommands = {
            MemberInitCommand.class,
            MemberInfoCommand.class,
            MemberConfigureCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MemberCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a step: init, info or configure");
    }
}
