package net.ledgerd.network.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code election}: BigchainDB 2.2.2's {@code bigchaindb election} for a ledgerd (or BigchainDB) network. */
@Command(
        name = "election",
        mixinStandardHelpOptions = true,
        header = "Start, approve and show validator and chain-migration elections.",
        description = {
            "Change the validator set (BEP-21) or halt the chain for a migration, as",
            "BigchainDB 2.2.2's `bigchaindb election` does: a validator starts an",
            "election with its Tendermint validator key, the validators approve it with",
            "theirs; once votes of two thirds of the power are committed it concludes.",
            "Each command talks to a member's HTTP API (--api, default",
            "http://127.0.0.1:9984) and posts with mode=commit.",
            "",
            "  election new upsert-validator --public-key B64 --power N --node-id ID \\",
            "      --validator-key HOME/config/priv_validator_key.json",
            "  election approve ELECTION_ID --validator-key ...",
            "  election show ELECTION_ID",
            "  election new chain-migration --validator-key ...",
            ""
        },
        subcommands = {
            ElectionNewCommand.class,
            ElectionApproveCommand.class,
            ElectionShowCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ElectionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose an action: new, approve or show");
    }
}
