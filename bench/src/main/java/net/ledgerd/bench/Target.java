package net.ledgerd.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A network the bench drives: our members, or four Tendermint 0.31.5 nodes whose app accepts every transaction
 * (network/bin/ceiling-network): the in-process {@code noop} app, Tendermint's own ceiling, and Tendermint's example
 * {@code abci-cli kvstore} served over the ABCI socket, the ceiling of any out-of-process app on the same machine.
 */
public enum Target {
    OURS("ours"),
    NOOP("noop ceiling"),
    KVSTORE("kvstore ceiling");

    /** The throughput every other target is given as a share of. */
    public static final Target CEILING = NOOP;

    /** How reports name its run. */
    public final String label;

    Target(String label) {
        this.label = label;
    }

    /** The name {@code --targets} takes. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Only our members have the HTTP API; the ceilings get Tendermint RPC for {@code --via api-sync}. */
    public boolean hasApi() {
        return this == OURS;
    }

    /** The names given to {@code --targets}, in order; each once. */
    public static List<Target> parseAll(List<String> names) {
        List<Target> targets = names.stream().map(Target::parse).toList();
        if (targets.stream().distinct().count() != targets.size()) {
            throw new IllegalArgumentException("--targets names a network twice: " + String.join(",", names));
        }
        return targets;
    }

    static Target parse(String name) {
        for (Target t : values()) {
            if (t.option().equals(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("--targets takes "
                + Arrays.stream(values()).map(Target::option).collect(Collectors.joining(", "))
                + ", got '" + name + "'");
    }
}
