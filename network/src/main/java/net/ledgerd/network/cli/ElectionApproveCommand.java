package net.ledgerd.network.cli;

import java.util.concurrent.Callable;
import net.ledgerd.network.election.ElectionClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Vote for an election with this validator's power.",
        description = {
            "Cast this validator's vote for ELECTION_ID: a VOTE that sends its vote",
            "tokens (its power when the election started) to the election's key,",
            "signed with its validator key and posted to --api. Prints vote_id=ID",
            "and the election's status once committed."
        })
public final class ElectionApproveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ELECTION_ID", description = "The id `election new` printed.")
    String electionId;

    @Mixin
    ElectionOptions.Signer signer;

    @Mixin
    ElectionOptions.Api api;

    @Override
    public Integer call() {
        ElectionClient.electionId(electionId);
        ElectionClient client = api.client();
        String voteId = client.approve(electionId, signer.key());
        spec.commandLine().getOut().println("vote_id=" + voteId);
        spec.commandLine().getOut().println("status=" + client.show(electionId).status());
        return 0;
    }
}
