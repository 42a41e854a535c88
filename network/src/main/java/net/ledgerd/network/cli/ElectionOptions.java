package net.ledgerd.network.cli;

import java.nio.file.Path;
import net.ledgerd.network.election.ElectionClient;
import net.ledgerd.network.election.MemberApi;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import picocli.CommandLine.Option;

/** Options every election command shares: which member to ask, and (to sign) which validator key. */
final class ElectionOptions {
    static final class Api {
        @Option(
                names = "--api",
                paramLabel = "URL",
                defaultValue = "http://127.0.0.1:9984",
                description = "The member's HTTP API (default: ${DEFAULT-VALUE}).")
        String url;

        ElectionClient client() {
            return new ElectionClient(new MemberApi(url));
        }
    }

    static final class Signer {
        @Option(
                names = {"--validator-key", "--private-key"},
                required = true,
                paramLabel = "FILE",
                description = {
                    "The signing member's Tendermint validator key: HOME/config/priv_validator_key.json.",
                    "(--private-key is BigchainDB 2.2.2's name for it.)"
                })
        Path file;

        Ed25519KeyPair key() {
            return ElectionClient.validatorKey(file);
        }
    }

    private ElectionOptions() {}
}
