package net.ledgerd.network.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import net.ledgerd.network.election.ElectionClient;
import net.ledgerd.network.election.ElectionReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Show an election: what it proposes, its status and its votes.",
        description = {
            "Print the election as BigchainDB 2.2.2's `election show` does (its asset",
            "data as key=value, the public key in base64, then status=ongoing,",
            "concluded or inconclusive), then the votes: votes=POWER of TOTAL, the",
            "power needed (two thirds), and one line per voter.",
            "Read from --api; an election whose votes reached two thirds only after",
            "another validator change shows concluded (2.2.2, reading its database,",
            "says inconclusive)."
        })
public final class ElectionShowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ELECTION_ID", description = "The id `election new` printed.")
    String electionId;

    @Mixin
    ElectionOptions.Api api;

    @Override
    public Integer call() {
        ElectionReport t = api.client().show(ElectionClient.electionId(electionId));
        PrintWriter out = spec.commandLine().getOut();
        out.println("election_id=" + t.electionId());
        out.println("type=" + t.operation());
        for (Map.Entry<String, JsonNode> e : t.data().properties()) {
            if (e.getKey().equals("seed")) {
                continue;
            }
            out.println(e.getKey() + "=" + shown(e.getKey(), e.getValue()));
        }
        out.println("status=" + t.status());
        out.println("votes=" + t.votesFor() + " of " + t.totalPower() + " (concludes at " + t.powerNeeded() + ")");
        for (Map.Entry<String, Long> v : t.voters().entrySet()) {
            Long cast = t.votes().get(v.getKey());
            out.println("voter " + v.getKey() + " power " + v.getValue() + ": "
                    + (cast == null ? "not voted" : "voted " + cast));
        }
        return 0;
    }

    /** 2.2.2 shows the proposed public key in base64, as Tendermint and `member info` print it. */
    private static String shown(String key, JsonNode value) {
        if (key.equals("public_key") && value.path("type").asText().equals("ed25519-base16")) {
            return Base64.getEncoder()
                    .encodeToString(HexFormat.of().parseHex(value.path("value").asText()));
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
