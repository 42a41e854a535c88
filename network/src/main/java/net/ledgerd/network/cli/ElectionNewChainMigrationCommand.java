package net.ledgerd.network.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "chain-migration",
        aliases = "migration",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Propose to halt the chain for a migration to a new chain.",
        description = {
            "Start a CHAIN_MIGRATION_ELECTION: once it concludes, the members stop at",
            "that height and the operators move to a new chain (README, chain",
            "migration). Signed with a current validator's key and posted to --api;",
            "prints election_id=ID once committed."
        })
public final class ElectionNewChainMigrationCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ElectionOptions.Signer signer;

    @Mixin
    ElectionOptions.Api api;

    @Override
    public Integer call() {
        String id = api.client().chainMigration(signer.key());
        spec.commandLine().getOut().println("election_id=" + id);
        return 0;
    }
}
