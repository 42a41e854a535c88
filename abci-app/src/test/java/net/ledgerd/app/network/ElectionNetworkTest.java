package net.ledgerd.app.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import net.ledgerd.app.node.TestTransactions;
import net.ledgerd.network.NetworkCli;
import net.ledgerd.network.election.ElectionClient;
import net.ledgerd.network.json.Json;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.build.ElectionTransactions;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.model.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Validator elections on a real network ({@link LocalNetwork}: four validators of power 10, plus a fifth member that
 * joined as a non-validator), driven with the operator's commands ({@code ledgerd-network election new|approve|show})
 * exactly as an operator runs them, each against its own member's HTTP API. One network serves the cases, in order:
 * an election short of two thirds (and a chain migration nobody approves) stays ongoing; forged and replayed votes
 * are refused; the fifth member is made a
 * validator and then signs blocks; a validator is removed and the rest keep committing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElectionNetworkTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalNetwork net;
    private LocalNetwork.Member fifth;
    private final TestTransactions txs = new TestTransactions();
    private String shortElection;
    private String shortElectionVote;
    private Instant started;

    @BeforeAll
    void start() {
        started = Instant.now();
        net = LocalNetwork.start(Set.of(), false);
        fifth = net.addNonValidator();
        LocalNetwork.await(
                WAIT,
                "the fifth member to catch up",
                () -> fifth.height() >= net.member(1).height());
    }

    @AfterAll
    void stop() {
        if (net != null) {
            net.close();
        }
        System.out.printf(
                "ElectionNetworkTest: %d ms in all%n",
                Duration.between(started, Instant.now()).toMillis());
    }

    @Test
    @Order(1)
    void anElectionShortOfTwoThirdsStaysOngoing() throws Exception {
        byte[] someKey = Ed25519KeyPair.generate().publicKey();
        byte[] someNode = new byte[20];
        ThreadLocalRandom.current().nextBytes(someNode);
        shortElection = startUpsert(
                Base64.getEncoder().encodeToString(someKey), 1, HexFormat.of().formatHex(someNode), 1);
        String vote2 = operator("election", "approve", shortElection, "--validator-key", key(2), "--api", api(2));
        assertTrue(vote2.contains("status=ongoing"), vote2);
        shortElectionVote = value(vote2, "vote_id");
        String vote3 = operator("election", "approve", shortElection, "--validator-key", key(3), "--api", api(3));
        assertTrue(vote3.contains("status=ongoing"), vote3);

        // more blocks do not conclude it: 20 of 40 is short of two thirds
        commitCreate(4);
        commitCreate(1);
        String shown = operator("election", "show", shortElection, "--api", api(4));
        assertTrue(shown.contains("status=ongoing"), shown);
        assertTrue(shown.contains("votes=20 of 40 (concludes at 27)"), shown);
        assertTrue(shown.contains("power=1\n"), shown);
        assertEquals(4, apiValidators(1).size());
        assertEquals(4, tendermintValidators(net.member(1)).size());

        // a chain migration that nobody approves: started and shown, never concluded
        String migration =
                electionId(operator("election", "new", "migration", "--validator-key", key(2), "--api", api(2)));
        String migrationShown = operator("election", "show", migration, "--api", api(3));
        assertTrue(migrationShown.contains("type=CHAIN_MIGRATION_ELECTION\nstatus=ongoing\n"), migrationShown);
    }

    @Test
    @Order(2)
    void forgedAndReplayedVotesAreRefused() throws Exception {
        Transaction election = Transactions.parse(get(1, "/api/v1/transactions/" + shortElection));

        // forged: member 4's vote with one bit of its signature flipped
        ObjectNode forged =
                ElectionTransactions.vote(election, validatorKey(4)).json().deepCopy();
        ObjectNode input = (ObjectNode) forged.path("inputs").get(0);
        byte[] fulfillment =
                Base64.getUrlDecoder().decode(input.path("fulfillment").asText());
        fulfillment[fulfillment.length - 1] ^= 1;
        input.put("fulfillment", Base64.getUrlEncoder().withoutPadding().encodeToString(fulfillment));
        HttpResponse<String> refused = post(4, forged);
        assertEquals(400, refused.statusCode(), refused.body());

        // replayed: member 2's committed vote, posted again to another member
        JsonNode vote = get(1, "/api/v1/transactions/" + shortElectionVote);
        HttpResponse<String> replayed = post(3, vote);
        assertEquals(400, replayed.statusCode(), replayed.body());

        // the commands refuse both before posting: a second vote, and a key that holds no vote tokens
        assertTrue(operatorRefusal("election", "approve", shortElection, "--validator-key", key(2), "--api", api(2))
                .contains("already voted"));
        assertTrue(operatorRefusal("election", "approve", shortElection, "--validator-key", key(5), "--api", api(5))
                .contains("does not match any of the eligible voters"));
        assertTrue(operatorRefusal("election", "show", "0".repeat(64), "--api", api(1), "--wait", "1")
                .contains("no election with id"));

        String shown = operator("election", "show", shortElection, "--api", api(1));
        assertTrue(shown.contains("votes=20 of 40"), shown);
    }

    @Test
    @Order(3)
    void theNonValidatorIsMadeAValidatorAndSignsBlocks() throws Exception {
        JsonNode info = Json.read(net.infoFile(fifth));
        String id = startUpsert(
                info.get("pub_key").asText(), 10, info.get("node_id").asText(), 1);
        operator("election", "approve", id, "--validator-key", key(1), "--api", api(1));
        operator("election", "approve", id, "--validator-key", key(2), "--api", api(2));
        String last = operator("election", "approve", id, "--validator-key", key(3), "--api", api(3));
        assertTrue(last.contains("status=concluded"), last);

        String address = info.get("address").asText();
        LocalNetwork.await(
                WAIT,
                "Tendermint to make member 5 a validator",
                () -> tendermintValidators(net.member(1)).contains(address + ":10"));
        assertEquals(5, tendermintValidators(fifth).size());
        for (int i = 1; i <= 5; i++) {
            int m = i;
            LocalNetwork.await(
                    WAIT,
                    "member " + m + "'s /api/v1/validators to list 5",
                    () -> apiValidators(m).size() == 5);
        }
        assertTrue(apiValidators(2).contains(info.get("pub_key").asText() + ":10"));

        // member 5 votes: its precommit is in a later commit; and a transaction sent to it commits
        commitCreate(5);
        LocalNetwork.await(WAIT, "member 5's precommit in a commit", () -> {
            commitCreate(1);
            return precommitters(net.member(1), net.member(1).height()).contains(address);
        });
        String before = operator("election", "show", shortElection, "--api", api(5));
        assertTrue(before.contains("status=inconclusive"), before);
    }

    @Test
    @Order(4)
    void aValidatorIsRemovedAndTheRestKeepCommitting() throws Exception {
        JsonNode info = Json.read(net.infoFile(net.member(4)));
        String id =
                startUpsert(info.get("pub_key").asText(), 0, info.get("node_id").asText(), 5);
        for (int m : List.of(5, 1, 2)) {
            String out = operator("election", "approve", id, "--validator-key", key(m), "--api", api(m));
            assertTrue(out.contains("status=ongoing"), out);
        }
        String last = operator("election", "approve", id, "--validator-key", key(3), "--api", api(3));
        assertTrue(last.contains("status=concluded"), last);

        String address = info.get("address").asText();
        LocalNetwork.await(WAIT, "Tendermint to drop member 4", () -> {
            Set<String> v = tendermintValidators(net.member(1));
            return v.size() == 4 && v.stream().noneMatch(x -> x.startsWith(address + ":"));
        });
        for (int m : List.of(1, 2, 3, 5)) {
            LocalNetwork.await(
                    WAIT,
                    "member " + m + "'s /api/v1/validators to list 4",
                    () -> apiValidators(m).size() == 4);
        }
        assertFalse(apiValidators(1).contains(info.get("pub_key").asText() + ":10"));

        // member 4 leaves; the four validators left go on committing
        net.member(4).stopTendermint();
        net.member(4).stopApp();
        long height = net.member(1).height();
        for (int m : List.of(1, 2, 3, 5)) {
            commitCreate(m);
        }
        assertTrue(net.member(5).height() > height);
        Set<String> signers = precommitters(net.member(2), net.member(2).height());
        assertFalse(signers.contains(address), signers.toString());
    }

    // --- the operator's commands, as the README shows them

    /** Our operator command on member {@code proposer}: an upsert-validator election, its id. */
    private String startUpsert(String publicKey, int power, String nodeId, int proposer) {
        return electionId(operator(
                "election",
                "new",
                "upsert-validator",
                "--public-key",
                publicKey,
                "--power",
                Integer.toString(power),
                "--node-id",
                nodeId,
                "--validator-key",
                key(proposer),
                "--api",
                api(proposer)));
    }

    private static String operator(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NetworkCli.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, "ledgerd-network " + String.join(" ", args) + ": " + err + out);
        return out.toString();
    }

    private static String operatorRefusal(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NetworkCli.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(1, code, "ledgerd-network " + String.join(" ", args) + " should be refused: " + out);
        return err.toString();
    }

    private static String electionId(String out) {
        String id = value(out, "election_id");
        assertEquals(64, id.length(), out);
        return id;
    }

    private static String value(String out, String key) {
        for (String line : out.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + key + "= in: " + out);
    }

    private String key(int member) {
        return net.member(member).home.resolve("config/priv_validator_key.json").toString();
    }

    private Ed25519KeyPair validatorKey(int member) {
        return ElectionClient.validatorKey(net.member(member).home.resolve("config/priv_validator_key.json"));
    }

    private String api(int member) {
        return net.member(member).httpUrl();
    }

    // --- what the members show

    /** A CREATE through member {@code m}'s API with mode=commit. */
    private void commitCreate(int m) throws Exception {
        byte[] tx = txs.create("election test " + System.nanoTime());
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(api(m) + "/api/v1/transactions?mode=commit"))
                        .timeout(WAIT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(tx))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), "member " + m + ": " + r.body());
    }

    private HttpResponse<String> post(int m, JsonNode tx) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(api(m) + "/api/v1/transactions?mode=commit"))
                        .timeout(WAIT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.compact(tx)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(int m, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(api(m) + path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.parse(r.body(), path);
    }

    /** {@code GET /api/v1/validators} of member {@code m} as "base64:power" entries. */
    private Set<String> apiValidators(int m) throws Exception {
        Set<String> out = new HashSet<>();
        for (JsonNode v : get(m, "/api/v1/validators")) {
            assertEquals("ed25519-base64", v.path("public_key").path("type").asText());
            out.add(v.path("public_key").path("value").asText() + ":"
                    + v.path("voting_power").asLong());
        }
        return out;
    }

    /** Tendermint's {@code /validators} at the latest height, as "ADDRESS:power" entries. */
    private static Set<String> tendermintValidators(LocalNetwork.Member m) throws Exception {
        JsonNode result = m.rpc().call("validators", JsonNodeFactory.instance.objectNode());
        Set<String> out = new HashSet<>();
        for (JsonNode v : result.path("validators")) {
            out.add(v.path("address").asText() + ":" + v.path("voting_power").asText());
        }
        return out;
    }

    /** Addresses of the validators whose precommits are in the commit of {@code height}. */
    private static Set<String> precommitters(LocalNetwork.Member m, long height) throws Exception {
        JsonNode result =
                m.rpc().call("commit", JsonNodeFactory.instance.objectNode().put("height", String.valueOf(height)));
        Set<String> out = new HashSet<>();
        ArrayNode precommits =
                (ArrayNode) result.path("signed_header").path("commit").path("precommits");
        for (JsonNode p : precommits) {
            if (!p.isNull()) {
                out.add(p.path("validator_address").asText());
            }
        }
        assertNotEquals(0, out.size(), "commit " + height + " has no precommits: " + result);
        return out;
    }
}
