package net.ledgerd.network.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.SafeFiles;
import net.ledgerd.network.genesis.Genesis;
import net.ledgerd.network.genesis.GenesisAssembler;
import net.ledgerd.network.member.MemberInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "genesis",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Assemble genesis.json from the members' info (coordinator).",
        description = {
            "The coordinator's step: assemble the network's genesis.json from every",
            "member's info. Each member becomes a validator (name = moniker) with the same",
            "power. Consensus parameters are Tendermint 0.31.5's defaults: block max_bytes",
            "22020096, max_gas -1, time_iota_ms 1000; evidence max_age 100000; validator",
            "pub_key_types [ed25519].",
            "Refuses fewer than 4 members (unless --allow-small), malformed info, an address",
            "that does not match its pub_key, and duplicate keys, node ids, monikers or",
            "hostnames, listing every problem found."
        })
public final class GenesisCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--chain-id",
            required = true,
            paramLabel = "ID",
            description = "The network's name: letters, digits, '.', '_', '-'; at most 50 characters.")
    String chainId;

    @Option(
            names = "--member",
            required = true,
            arity = "1..*",
            paramLabel = "INFO.json",
            description = "A member's info file (from `member info`). Repeat, or give several after one --member.")
    List<Path> members = new ArrayList<>();

    @Option(
            names = "--power",
            paramLabel = "N",
            defaultValue = "10",
            description = "Voting power of each validator (default: ${DEFAULT-VALUE}).")
    long power;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write genesis.json (default: standard output).")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Option(
            names = "--genesis-time",
            paramLabel = "TIME",
            description = "genesis_time, RFC 3339 such as 2024-01-01T00:00:00Z (default: now).")
    String genesisTime;

    @Option(
            names = "--allow-small",
            description = "Accept 1 to 3 members: a test network that stops if any member fails.")
    boolean allowSmall;

    @Option(
            names = "--allow-shared-host",
            description = "Accept members on the same hostname (distinct p2p ports), as on one test machine.")
    boolean allowSharedHost;

    @Override
    public Integer call() {
        if (out != null && Files.exists(out) && !force) {
            throw new OperatorError(out + " exists; pass --force to replace it");
        }
        Instant time = null;
        if (genesisTime != null) {
            try {
                time = Instant.parse(genesisTime);
            } catch (DateTimeParseException e) {
                throw new OperatorError(
                        "--genesis-time '" + genesisTime + "' is not an RFC 3339 time such as 2024-01-01T00:00:00Z");
            }
        }
        List<GenesisAssembler.Source> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : members) {
            try {
                sources.add(new GenesisAssembler.Source(file.toString(), MemberInfo.read(file)));
            } catch (OperatorError e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new OperatorError("bad member info: " + String.join("; ", problems));
        }
        Genesis genesis = new GenesisAssembler()
                .chainId(chainId)
                .power(power)
                .allowSmall(allowSmall)
                .allowSharedHost(allowSharedHost)
                .genesisTime(time)
                .assemble(sources);
        if (out == null) {
            spec.commandLine().getOut().print(genesis.render());
        } else {
            SafeFiles.write(out, genesis.render(), SafeFiles.PUBLIC);
            spec.commandLine()
                    .getOut()
                    .println("wrote " + out + ": chain " + genesis.chainId() + ", "
                            + genesis.validators().size() + " validators, power " + power + " each");
            if (sources.size() < GenesisAssembler.MIN_MEMBERS) {
                spec.commandLine()
                        .getErr()
                        .println("warning: " + sources.size()
                                + " validator(s): this test network stops if any of them fails");
            }
        }
        return 0;
    }
}
