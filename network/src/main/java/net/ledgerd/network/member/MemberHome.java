package net.ledgerd.network.member;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.SafeFiles;
import net.ledgerd.network.keys.Ed25519Key;
import net.ledgerd.network.keys.KeyFiles;

/**
 * A member's home directory: a Tendermint 0.31.5 home ({@code config/}, {@code data/}, the paths its default
 * config.toml uses) plus this tool's {@code member.properties} and the app's {@code app.properties}.
 * <pre>
 * HOME/config/priv_validator_key.json   validator key (secret)
 * HOME/config/node_key.json             p2p key (secret)
 * HOME/config/genesis.json              written by member configure
 * HOME/config/config.toml               written by member configure
 * HOME/data/priv_validator_state.json   last signed height/round/step (secret)
 * HOME/member.properties                moniker, hostname, p2p_port
 * HOME/app.properties                   the app's config file
 * </pre>
 */
public final class MemberHome {
    private final Path root;

    private MemberHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static MemberHome at(Path root) {
        return new MemberHome(root);
    }

    public Path root() {
        return root;
    }

    public Path configDir() {
        return root.resolve("config");
    }

    public Path dataDir() {
        return root.resolve("data");
    }

    public Path validatorKeyFile() {
        return configDir().resolve("priv_validator_key.json");
    }

    public Path nodeKeyFile() {
        return configDir().resolve("node_key.json");
    }

    public Path validatorStateFile() {
        return dataDir().resolve("priv_validator_state.json");
    }

    public Path genesisFile() {
        return configDir().resolve("genesis.json");
    }

    public Path configToml() {
        return configDir().resolve("config.toml");
    }

    public Path memberProperties() {
        return root.resolve(MemberSettings.FILE_NAME);
    }

    public Path appProperties() {
        return root.resolve(AppProperties.FILE_NAME);
    }

    /** The files {@link #init} creates, in the order it creates them. */
    public List<Path> initFiles() {
        return List.of(validatorKeyFile(), validatorStateFile(), nodeKeyFile(), memberProperties(), appProperties());
    }

    public boolean isInitialised() {
        return Files.exists(validatorKeyFile())
                && Files.exists(nodeKeyFile())
                && Files.exists(validatorStateFile())
                && Files.exists(memberProperties());
    }

    /** Whether Tendermint has stored blocks or state here (a chain has started from this home). */
    public boolean hasChainData() {
        return Files.exists(dataDir().resolve("blockstore.db"))
                || Files.exists(dataDir().resolve("state.db"));
    }

    /**
     * Creates the home with fresh keys. Refuses, changing nothing, if any of its files already exists: keys are never
     * overwritten (a validator that loses its key or its last-sign state can double-sign or is lost to the network).
     */
    public Identity init(MemberSettings settings, AppProperties app) {
        List<String> existing = new ArrayList<>();
        for (Path f : initFiles()) {
            if (Files.exists(f)) {
                existing.add(root.relativize(f).toString());
            }
        }
        if (!existing.isEmpty()) {
            throw new OperatorError(
                    root + " already has " + String.join(", ", existing)
                            + "; refusing to overwrite a member's keys or settings. Use another --home, or move these files away yourself.");
        }
        SafeFiles.directory(root);
        SafeFiles.directory(configDir());
        SafeFiles.directory(dataDir());
        Ed25519Key validatorKey = Ed25519Key.generate();
        Ed25519Key nodeKey = Ed25519Key.generate();
        KeyFiles.writeValidatorKey(validatorKeyFile(), validatorKey);
        KeyFiles.writeInitialValidatorState(validatorStateFile());
        KeyFiles.writeNodeKey(nodeKeyFile(), nodeKey);
        settings.write(memberProperties());
        app.write(appProperties());
        return new Identity(settings, validatorKey, nodeKey);
    }

    /** The member's settings and keys, read and checked. */
    public Identity identity() {
        if (!Files.isDirectory(root)) {
            throw new OperatorError(root + " does not exist; create it with `ledgerd-network member init --home " + root
                    + " --moniker NAME`");
        }
        for (Path f : List.of(validatorKeyFile(), nodeKeyFile(), memberProperties())) {
            if (!Files.exists(f)) {
                throw new OperatorError(root + " is not a member home made by `ledgerd-network member init`: "
                        + root.relativize(f) + " is missing");
            }
        }
        return new Identity(
                MemberSettings.read(memberProperties()),
                KeyFiles.readValidatorKey(validatorKeyFile()),
                KeyFiles.readNodeKey(nodeKeyFile()));
    }

    /** A member's settings with its validator and node keys. */
    public record Identity(MemberSettings settings, Ed25519Key validatorKey, Ed25519Key nodeKey) {
        public MemberInfo info() {
            return MemberInfo.of(settings, validatorKey, nodeKey);
        }
    }
}
