package net.ledgerd.network.cli;

import java.nio.file.Path;
import java.time.Duration;
import net.ledgerd.network.OperatorError;
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

        @Option(
                names = "--wait",
                paramLabel = "SECONDS",
                defaultValue = "10",
                description = {
                    "How long to wait for the election to be committed on this member (default: ${DEFAULT-VALUE}):",
                    "members commit a block at slightly different times, so one started a moment ago on another",
                    "member may not be here yet."
                })
        int waitSeconds;

        ElectionClient client() {
            if (waitSeconds < 0) {
                throw new OperatorError("--wait " + waitSeconds + " is negative; give the seconds to wait, 0 for none");
            }
            return new ElectionClient(new MemberApi(url), Duration.ofSeconds(waitSeconds));
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
