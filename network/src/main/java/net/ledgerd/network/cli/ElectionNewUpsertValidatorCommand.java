package net.ledgerd.network.cli;

import java.util.concurrent.Callable;
import net.ledgerd.network.election.ElectionClient;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "upsert-validator",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Propose to add a validator, change its power, or remove it (power 0).",
        description = {
            "Start a VALIDATOR_ELECTION (BEP-21): give the validator with this public key",
            "the voting power N (0 removes it). The new validator's member shares its",
            "`member info` file: pub_key is --public-key, node_id is --node-id. The power",
            "must stay below a third of the current total. The election is signed with",
            "the validator key of a current validator and posted to --api; once",
            "committed it prints election_id=ID. Each validator then runs",
            "`election approve ID`.",
            "BigchainDB 2.2.2's form is accepted too:",
            "  upsert-validator PUBLIC_KEY POWER NODE_ID --private-key FILE"
        })
public final class ElectionNewUpsertValidatorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--public-key",
            paramLabel = "B64",
            description = "The validator's ed25519 public key, base64 (pub_key of `member info`).")
    String publicKey;

    @Option(names = "--power", paramLabel = "N", description = "Its voting power; 0 removes it.")
    Long power;

    @Option(
            names = "--node-id",
            paramLabel = "ID",
            description = "Its Tendermint node id (node_id of `member info`, 40 hex digits).")
    String nodeId;

    @Parameters(
            arity = "0..3",
            paramLabel = "PUBLIC_KEY POWER NODE_ID",
            description = "BigchainDB 2.2.2's positional form of the three options.")
    java.util.List<String> positional = new java.util.ArrayList<>();

    @Mixin
    ElectionOptions.Signer signer;

    @Mixin
    ElectionOptions.Api api;

    @Override
    public Integer call() {
        if (!positional.isEmpty()) {
            if (positional.size() != 3 || publicKey != null || power != null || nodeId != null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "give either --public-key, --power and --node-id, or BigchainDB's PUBLIC_KEY POWER NODE_ID");
            }
            publicKey = positional.get(0);
            try {
                power = Long.parseLong(positional.get(1));
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "POWER must be a whole number, got '" + positional.get(1) + "'");
            }
            nodeId = positional.get(2);
        }
        if (publicKey == null || power == null || nodeId == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "missing --public-key, --power or --node-id (all three are needed)");
        }
        byte[] key = ElectionClient.publicKey(publicKey);
        long checkedPower = ElectionClient.power(power);
        String checkedNodeId = ElectionClient.nodeId(nodeId);
        Ed25519KeyPair initiator = signer.key();
        String id = api.client().upsertValidator(initiator, key, checkedPower, checkedNodeId);
        spec.commandLine().getOut().println("election_id=" + id);
        return 0;
    }
}
