package net.ledgerd.network.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.SafeFiles;
import net.ledgerd.network.json.Json;
import net.ledgerd.network.member.MemberHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Print the member's shareable info (JSON) for the others.",
        description = {
            "Print what this member shares with the others, as JSON: moniker, hostname,",
            "p2p_port, node_id, node_pub_key, and the validator's pub_key (base64) and",
            "address. Nothing secret is printed. The keys are read from the home and",
            "checked (public keys derived from the private ones)."
        })
public final class MemberInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--home", required = true, paramLabel = "DIR", description = "The member's home directory.")
    Path home;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON to FILE instead of standard output.")
    Path out;

    @Option(names = "--force", description = "With --out, replace an existing file.")
    boolean force;

    @Override
    public Integer call() {
        String json = Json.pretty(MemberHome.at(home).identity().info().toJson());
        if (out == null) {
            spec.commandLine().getOut().print(json);
        } else {
            if (Files.exists(out) && !force) {
                throw new OperatorError(out + " exists; pass --force to replace it");
            }
            SafeFiles.write(out, json, SafeFiles.PUBLIC);
            spec.commandLine().getOut().println("wrote " + out);
        }
        return 0;
    }
}
