package net.ledgerd.network.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.ledgerd.network.NetworkCli;
import net.ledgerd.network.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The election commands' help and refusals: each bad argument is named before any member is asked, and a member that
 * does not answer is named too. Posting, approving and showing against real members is {@code ElectionNetworkTest}'s
 * part (abci-app).
 */
class ElectionCommandTest {
    @TempDir
    Path dir;

    private Path home;
    private String pubKey;
    private String nodeId;
    private String closedApi;

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NetworkCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void aMemberHome() throws IOException {
        home = dir.resolve("m5");
        Run init = cli("member", "init", "--home", home.toString(), "--moniker", "m5", "--hostname", "127.0.0.1");
        assertEquals(0, init.code(), init.err());
        var info = Json.parse(cli("member", "info", "--home", home.toString()).out(), "member info");
        pubKey = info.get("pub_key").asText();
        nodeId = info.get("node_id").asText();
        try (ServerSocket s = new ServerSocket(0)) {
            closedApi = "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    private String validatorKey() {
        return home.resolve("config/priv_validator_key.json").toString();
    }

    private Run upsert(String pub, String power, String node, String key) {
        return cli(
                "election",
                "new",
                "upsert-validator",
                "--public-key",
                pub,
                "--power",
                power,
                "--node-id",
                node,
                "--validator-key",
                key,
                "--api",
                closedApi);
    }

    private static void refused(Run r, String... phrases) {
        assertEquals(1, r.code(), r.out() + r.err());
        for (String p : phrases) {
            assertTrue(r.err().contains(p), "expected '" + p + "' in: " + r.err());
        }
    }

    @Test
    void helpForEveryElectionCommand() {
        for (List<String> cmd : List.<List<String>>of(
                List.of("election"),
                List.of("election", "new"),
                List.of("election", "new", "upsert-validator"),
                List.of("election", "new", "chain-migration"),
                List.of("election", "new", "migration"),
                List.of("election", "approve"),
                List.of("election", "show"))) {
            List<String> args = new ArrayList<>(cmd);
            args.add("--help");
            Run r = cli(args.toArray(String[]::new));
            assertEquals(0, r.code(), args.toString());
            assertTrue(r.out().contains("Usage: ledgerd-network election"), r.out());
        }
        assertTrue(cli("election", "new", "upsert-validator", "--help").out().contains("--private-key"));
    }

    @Test
    void badNodeIdIsNamed() {
        refused(upsert(pubKey, "10", "not-a-node-id", validatorKey()), "--node-id 'not-a-node-id'", "40");
        refused(upsert(pubKey, "10", nodeId.toUpperCase(), validatorKey()), "is not a Tendermint node id");
    }

    @Test
    void powerMustBeAWholeNumberAtLeastZero() {
        refused(upsert(pubKey, "-1", nodeId, validatorKey()), "--power must be a whole number >= 0");
        assertEquals(2, upsert(pubKey, "ten", nodeId, validatorKey()).code());
        assertEquals(2, upsert(pubKey, "1.5", nodeId, validatorKey()).code());
    }

    @Test
    void publicKeyMustBeBase64OfThirtyTwoBytes() {
        refused(upsert("not base64!", "10", nodeId, validatorKey()), "--public-key is not valid base64");
        refused(upsert("AAAA", "10", nodeId, validatorKey()), "--public-key must be 32 bytes");
    }

    @Test
    void wrongKeyFileIsNamed() {
        refused(
                upsert(
                        pubKey,
                        "10",
                        nodeId,
                        home.resolve("config/node_key.json").toString()),
                "node_key.json is not a usable Tendermint priv_validator_key.json",
                "pub_key");
        refused(
                upsert(pubKey, "10", nodeId, home.resolve("app.properties").toString()),
                "is not a usable Tendermint priv_validator_key.json");
        refused(upsert(pubKey, "10", nodeId, dir.resolve("missing.json").toString()), "missing.json does not exist");
    }

    @Test
    void unreachableMemberIsNamed() {
        refused(upsert(pubKey, "10", nodeId, validatorKey()), closedApi, "is not reachable", "--api");
        refused(
                cli("election", "new", "migration", "--validator-key", validatorKey(), "--api", closedApi),
                "is not reachable");
        refused(cli("election", "show", "a".repeat(64), "--api", closedApi), "is not reachable");
    }

    @Test
    void electionIdsAndUrlsAreChecked() {
        refused(
                cli("election", "approve", "xyz", "--validator-key", validatorKey(), "--api", closedApi),
                "'xyz' is not an election id");
        refused(cli("election", "show", "A".repeat(64), "--api", closedApi), "is not an election id");
        refused(cli("election", "show", "a".repeat(64), "--api", "ftp://x"), "--api 'ftp://x' must be http://");
    }

    @Test
    void bigchainDbsPositionalFormIsAcceptedAndNotMixed() {
        Run positional = cli(
                "election",
                "new",
                "upsert-validator",
                pubKey,
                "10",
                nodeId,
                "--private-key",
                validatorKey(),
                "--api",
                closedApi);
        // every argument passed the checks: only the member is missing
        refused(positional, "is not reachable");
        Run mixed = cli(
                "election",
                "new",
                "upsert-validator",
                pubKey,
                "10",
                nodeId,
                "--power",
                "5",
                "--private-key",
                validatorKey());
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("give either"), mixed.err());
        assertEquals(
                2,
                cli("election", "new", "upsert-validator", "--power", "5", "--private-key", validatorKey())
                        .code());
    }
}
