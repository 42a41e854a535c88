package net.ledgerd.app.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ledgerd.network.NetworkCli;
import net.ledgerd.network.json.Json;
import net.ledgerd.testkit.ChildProcess;
import net.ledgerd.testkit.TendermintRpc;
import net.ledgerd.testkit.Tools;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.conditions.ConditionDetails;
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
 * A network mixing implementations: four validators formed with the operator CLI from one genesis ({@link
 * LocalNetwork}), members 1 and 2 running the real BigchainDB 2.2.2, members 3 and 4 our app. Under a load of CREATEs
 * (single owner, 2-of-2 and 1-of-2 threshold outputs), divisible splits, merges, conflicting TRANSFERs of one output
 * sent at once to a BigchainDB member and one of ours, and invalid transactions sent to every member, all four reach
 * the same height and app hash and their HTTP APIs return the same transactions, outputs and blocks. Two
 * upsert-validator elections then change a validator's power, one started with BigchainDB 2.2.2's own CLI on a
 * BigchainDB member, the other with our command on ours, each approved with both kinds' commands; both conclude alike
 * on all four (validator sets, height, app hash) and the chain goes on. Then member 2 is
 * replaced in place by our app on the database BigchainDB wrote, and the network goes on agreeing, spending outputs
 * created before the migration through the migrated member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MixedNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONVERGE = Duration.ofSeconds(180);
    private static final int ASSETS = 16;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String run = Long.toString(System.nanoTime(), 36);
    private LocalNetwork net;
    private final List<Asset> assets = new ArrayList<>();
    /** Every transaction some member accepted, committed or not (conflict losers are checked to be absent). */
    private final Set<String> sentIds = new LinkedHashSet<>();

    private final Set<String> publicKeys = new LinkedHashSet<>();
    /** The committed merges of the first test: their outputs are spent after the migration. */
    private final List<SignedTransaction> merges = new ArrayList<>();

    /** One asset's story: its keys, its CREATE and what was built on it. */
    private final class Asset {
        final int index;
        final Ed25519KeyPair a = key();
        final Ed25519KeyPair b = key();
        final Ed25519KeyPair c = key();
        final SignedTransaction create;
        /** The keys that can spend the CREATE's output. */
        final Ed25519KeyPair[] createSigners;

        Asset(int index) {
            this.index = index;
            TransactionBuilder t = TransactionBuilder.create(a)
                    .asset(Map.of("mixed", run, "i", index))
                    .metadata(Map.of("kind", index % 3));
            switch (index % 3) {
                case 0 -> {
                    t.output(10, a.publicKeyBase58());
                    createSigners = new Ed25519KeyPair[] {a};
                }
                case 1 -> {
                    t.output(10, a.publicKeyBase58(), b.publicKeyBase58());
                    createSigners = new Ed25519KeyPair[] {a, b};
                }
                default -> {
                    t.output(
                            10,
                            ConditionDetails.thresholdDetails(
                                    1,
                                    List.of(
                                            ConditionDetails.ed25519Details(a.publicKeyBase58()),
                                            ConditionDetails.ed25519Details(b.publicKeyBase58()))));
                    createSigners = new Ed25519KeyPair[] {b};
                }
            }
            create = t.sign(a);
        }

        /** Splits the CREATE's 10 into 4 for c and 6 for a. */
        SignedTransaction split() {
            return TransactionBuilder.transfer(create.transaction(), 0)
                    .output(4, c.publicKeyBase58())
                    .output(6, a.publicKeyBase58())
                    .sign(createSigners);
        }

        /** Another spend of the CREATE's output: all 10 to c. */
        SignedTransaction conflictingSpend() {
            return TransactionBuilder.transfer(create.transaction(), 0)
                    .output(10, c.publicKeyBase58())
                    .sign(createSigners);
        }

        /** Merges the split's two outputs into 10 for b. */
        SignedTransaction merge(Transaction split) {
            return TransactionBuilder.transfer(split, 0, 1)
                    .output(10, b.publicKeyBase58())
                    .sign(c, a);
        }
    }

    private Ed25519KeyPair key() {
        Ed25519KeyPair k = Ed25519KeyPair.generate();
        publicKeys.add(k.publicKeyBase58());
        return k;
    }

    record Answer(int status, String body) {}

    private Answer post(LocalNetwork.Member m, byte[] tx) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(m.httpUrl() + "/api/v1/transactions?mode=sync"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(tx))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("POST to member " + m.index, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer get(LocalNetwork.Member m, String path) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(m.httpUrl() + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("GET " + path + " from member " + m.index, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends valid transactions round-robin over the members, four at a time; each must be accepted. */
    private void sendValid(List<SignedTransaction> txs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(LocalNetwork.SIZE);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < txs.size(); i++) {
                LocalNetwork.Member m = net.member(1 + i % LocalNetwork.SIZE);
                byte[] bytes = txs.get(i).bytes();
                answers.add(pool.submit(() -> post(m, bytes)));
            }
            for (int i = 0; i < txs.size(); i++) {
                Answer a = answers.get(i).get();
                assertEquals(
                        202,
                        a.status(),
                        "member " + (1 + i % LocalNetwork.SIZE) + " on "
                                + txs.get(i).id() + ": " + a.body());
                sentIds.add(txs.get(i).id());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** An invalid transaction is refused alike by every member: status 400 and the same body as BigchainDB's. */
    private void sendInvalid(String what, byte[] tx) {
        List<Answer> answers = new ArrayList<>();
        for (LocalNetwork.Member m : net.members) {
            answers.add(post(m, tx));
        }
        for (int i = 0; i < answers.size(); i++) {
            assertEquals(
                    400,
                    answers.get(i).status(),
                    what + " at member " + (i + 1) + ": " + answers.get(i).body());
            assertEquals(
                    parse(answers.get(0).body()),
                    parse(answers.get(i).body()),
                    what + ": member " + (i + 1) + "'s 400 body differs from BigchainDB member 1's");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private void awaitCommitted(Set<String> ids, LocalNetwork.Member m) {
        LocalNetwork.await(CONVERGE, ids.size() + " transactions committed at member " + m.index, () -> {
            for (String id : ids) {
                if (get(m, "/api/v1/transactions/" + id).status() != 200) {
                    return false;
                }
            }
            return true;
        });
    }

    @BeforeAll
    void startNetwork() {
        net = LocalNetwork.start(Set.of(), Set.of(1, 2), false);
    }

    @AfterAll
    void stopNetwork() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    @Order(1)
    void bigchainDbAndOurMembersAgreeUnderMixedLoad() throws Exception {
        Instant t0 = Instant.now();
        for (int i = 0; i < ASSETS; i++) {
            assets.add(new Asset(i));
        }
        sendValid(assets.stream().map(x -> x.create).toList());
        Set<String> creates = new LinkedHashSet<>(sentIds);
        awaitCommitted(creates, net.member(1));
        awaitCommitted(creates, net.member(3));

        // every fourth asset: two spends of its one output at once, to a BigchainDB member and one of ours
        List<SignedTransaction> splits = new ArrayList<>();
        List<CompletableFuture<Void>> races = new ArrayList<>();
        List<SignedTransaction[]> conflicts = new ArrayList<>();
        for (Asset x : assets) {
            SignedTransaction split = x.split();
            if (x.index % 4 == 3) {
                SignedTransaction other = x.conflictingSpend();
                conflicts.add(new SignedTransaction[] {split, other});
                // which spend goes to which implementation alternates, so either may win
                LocalNetwork.Member theirs = net.member(1 + x.index % 2);
                LocalNetwork.Member ours = net.member(3 + x.index % 2);
                boolean splitToTheirs = x.index % 8 == 3;
                races.add(CompletableFuture.runAsync(() -> post(splitToTheirs ? theirs : ours, split.bytes())));
                races.add(CompletableFuture.runAsync(() -> post(splitToTheirs ? ours : theirs, other.bytes())));
            } else {
                splits.add(split);
            }
        }
        sendValid(splits);
        CompletableFuture.allOf(races.toArray(CompletableFuture[]::new)).get();
        // on every member: the invalid spends below must be judged against committed splits everywhere, or a lagging
        // member answers InputDoesNotExist where the others answer AmountError
        Set<String> splitIds = splits.stream().map(SignedTransaction::id).collect(java.util.stream.Collectors.toSet());
        for (LocalNetwork.Member m : net.members) {
            awaitCommitted(splitIds, m);
        }

        // invalid: tampered, wrong amounts, wrong signer, a spend of an output already spent
        Asset first = assets.get(0);
        com.fasterxml.jackson.databind.node.ObjectNode tampered =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(first.create.bytes());
        tampered.putObject("metadata").put("kind", "tampered");
        sendInvalid("a tampered CREATE", JSON.writeValueAsBytes(tampered));
        sendInvalid(
                "a TRANSFER creating more than it spends",
                TransactionBuilder.transfer(splits.get(1).transaction(), 0)
                        .output(5, first.b.publicKeyBase58())
                        .sign(assets.get(1).c)
                        .bytes());
        // first.c signs, claiming the output is locked to its key: the fulfillment matches no condition of the output
        String intruder = first.c.publicKeyBase58();
        sendInvalid(
                "a TRANSFER signed by another key",
                TransactionBuilder.transfer(splits.get(1).transaction().assetId())
                        .input(splits.get(1).id(), 0, List.of(intruder), ConditionDetails.ed25519Details(intruder))
                        .output(4, first.b.publicKeyBase58())
                        .sign(first.c)
                        .bytes());
        sendInvalid("a second spend of a spent output", first.conflictingSpend().bytes());

        // merges of the splits; after a race, of whichever spend won if it was the split
        for (SignedTransaction split : splits) {
            merges.add(assetOf(split).merge(split.transaction()));
        }
        int racesWonBySplit = 0;
        for (SignedTransaction[] pair : conflicts) {
            boolean splitWon =
                    get(net.member(4), "/api/v1/transactions/" + pair[0].id()).status() == 200;
            boolean otherWon =
                    get(net.member(4), "/api/v1/transactions/" + pair[1].id()).status() == 200;
            if (!splitWon && !otherWon) {
                // neither is committed yet: wait for one
                LocalNetwork.await(
                        CONVERGE,
                        "one of two conflicting spends committed",
                        () -> get(net.member(4), "/api/v1/transactions/" + pair[0].id())
                                                .status()
                                        == 200
                                || get(net.member(4), "/api/v1/transactions/" + pair[1].id())
                                                .status()
                                        == 200);
                splitWon = get(net.member(4), "/api/v1/transactions/" + pair[0].id())
                                .status()
                        == 200;
            }
            sentIds.add(pair[0].id());
            sentIds.add(pair[1].id());
            if (splitWon) {
                racesWonBySplit++;
                merges.add(assetOf(pair[0]).merge(pair[0].transaction()));
            }
        }
        sendValid(merges);
        TendermintRpc.Status converged = net.awaitConverged(CONVERGE);
        Set<String> committed = assertApisAgree(converged);
        for (SignedTransaction[] pair : conflicts) {
            assertTrue(
                    committed.contains(pair[0].id()) ^ committed.contains(pair[1].id()),
                    "exactly one of two conflicting spends is committed: " + pair[0].id() + " / " + pair[1].id());
        }
        System.out.printf(
                "mixed network: %d transactions committed (%d races, %d won by the split), height %d, app hash %s,"
                        + " in %d ms%n",
                committed.size(),
                conflicts.size(),
                racesWonBySplit,
                converged.latestBlockHeight(),
                converged.latestAppHash(),
                Duration.between(t0, Instant.now()).toMillis());
    }

    @Test
    @Order(2)
    void upsertValidatorElectionsConcludeAcrossKinds() throws Exception {
        Instant t0 = Instant.now();
        // started on a BigchainDB member with BigchainDB's own CLI: member 4 (ours) from power 10 to 12, under the
        // 1/3 of 40 that 2.2.2 allows; approved on both BigchainDB members with their CLI, concluded by our command
        JsonNode fourth = Json.read(net.infoFile(net.member(4)));
        String out = bigchainDb(
                1,
                "election",
                "new",
                "upsert-validator",
                fourth.get("pub_key").asText(),
                "12",
                fourth.get("node_id").asText(),
                "--private-key",
                validatorKeyFile(1));
        Matcher started =
                Pattern.compile("Submitted proposal with id: ([0-9a-f]{64})").matcher(out);
        assertTrue(started.find(), "bigchaindb election new upsert-validator: " + out);
        String first = started.group(1);
        approveWithBigchainDb(1, first);
        approveWithBigchainDb(2, first);
        String concluding = operator(
                "election",
                "approve",
                first,
                "--validator-key",
                validatorKeyFile(3),
                "--api",
                net.member(3).httpUrl());
        assertTrue(concluding.contains("status=concluded"), concluding);
        // the election and our vote are compared on all four by assertApisAgree below (2.2.2's CLI prints no vote id)
        sentIds.add(first);
        sentIds.add(value(concluding, "vote_id"));
        awaitValidatorSet(fourth, 12);

        // the other way round: our command on our member 3 changes BigchainDB member 1 from 10 to 13 (under 42/3);
        // approved by ours and concluded by BigchainDB member 2's CLI (10 + 12 + 10 of 42)
        JsonNode firstMember = Json.read(net.infoFile(net.member(1)));
        String second = value(
                operator(
                        "election",
                        "new",
                        "upsert-validator",
                        "--public-key",
                        firstMember.get("pub_key").asText(),
                        "--power",
                        "13",
                        "--node-id",
                        firstMember.get("node_id").asText(),
                        "--validator-key",
                        validatorKeyFile(3),
                        "--api",
                        net.member(3).httpUrl()),
                "election_id");
        for (int m : List.of(3, 4)) {
            String vote = operator(
                    "election",
                    "approve",
                    second,
                    "--validator-key",
                    validatorKeyFile(m),
                    "--api",
                    net.member(m).httpUrl());
            assertTrue(vote.contains("status=ongoing"), vote);
            sentIds.add(value(vote, "vote_id"));
        }
        sentIds.add(second);
        approveWithBigchainDb(2, second);
        awaitValidatorSet(firstMember, 13);

        // the chain goes on: a CREATE through each kind commits, and all four agree on height and app hash
        long height = net.member(1).height();
        List<SignedTransaction> after = new ArrayList<>();
        for (int i = 0; i < LocalNetwork.SIZE; i++) {
            Ed25519KeyPair owner = key();
            after.add(TransactionBuilder.create(owner)
                    .asset(Map.of("after-elections", run, "i", i))
                    .output(1, owner.publicKeyBase58())
                    .sign(owner));
        }
        sendValid(after);
        TendermintRpc.Status converged = net.awaitConverged(CONVERGE);
        assertTrue(converged.latestBlockHeight() > height, "blocks were made after the elections");
        assertApisAgree(converged);
        System.out.printf(
                "elections across kinds: 2 upsert-validator elections concluded on all four, height %d, app hash %s,"
                        + " in %d ms%n",
                converged.latestBlockHeight(),
                converged.latestAppHash(),
                Duration.between(t0, Instant.now()).toMillis());
    }

    /** Every member's /api/v1/validators and Tendermint's /validators show the member of {@code info} at {@code power}. */
    private void awaitValidatorSet(JsonNode info, long power) {
        String pubKey = info.get("pub_key").asText();
        String address = info.get("address").asText();
        LocalNetwork.await(CONVERGE, "every member's validator sets to give " + pubKey + " power " + power, () -> {
            JsonNode reference = null;
            for (LocalNetwork.Member m : net.members) {
                Answer a = get(m, "/api/v1/validators");
                if (a.status() != 200) {
                    return false;
                }
                JsonNode set = normalized(a);
                if (reference != null && !reference.equals(set)) {
                    return false;
                }
                reference = set;
                boolean listed = false;
                for (JsonNode v : set.path("body")) {
                    listed |= v.path("public_key").path("value").asText().equals(pubKey)
                            && v.path("voting_power").asLong() == power;
                }
                boolean inTendermint = false;
                for (JsonNode v :
                        m.rpc().call("validators", JSON.createObjectNode()).path("validators")) {
                    inTendermint |= v.path("address").asText().equals(address)
                            && v.path("voting_power").asLong() == power;
                }
                if (!listed || !inTendermint) {
                    return false;
                }
            }
            return true;
        });
    }

    private static String value(String commandOutput, String key) {
        return commandOutput
                .lines()
                .filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + "= in: " + commandOutput));
    }

    private String validatorKeyFile(int member) {
        return net.member(member).home.resolve("config/priv_validator_key.json").toString();
    }

    /** BigchainDB 2.2.2's own CLI with member {@code member}'s config (its API's database and its Tendermint). */
    private String bigchainDb(int member, String... args) {
        LocalNetwork.Member m = net.member(member);
        assertTrue(m.isBigchainDb(), "member " + member + " runs BigchainDB");
        java.nio.file.Path script = Tools.bigchaindb();
        List<String> cmd = new ArrayList<>(List.of(
                script.resolveSibling("python").toString(),
                script.toString(),
                "-c",
                m.home.resolve("bigchaindb/config.json").toString()));
        cmd.addAll(List.of(args));
        return ChildProcess.run(cmd, Duration.ofSeconds(90));
    }

    /** {@code bigchaindb election approve}; 2.2.2 exits 0 on failure too, so its success line is checked. */
    private void approveWithBigchainDb(int member, String electionId) {
        String out = bigchainDb(member, "election", "approve", electionId, "--private-key", validatorKeyFile(member));
        assertTrue(
                out.contains("[SUCCESS] Your vote has been submitted"),
                "bigchaindb election approve at member " + member + ": " + out);
    }

    /** Our operator command, run in process as ElectionNetworkTest does; exit 0 required. */
    private static String operator(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = NetworkCli.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), args);
        assertEquals(0, code, "ledgerd-network " + String.join(" ", args) + ": " + err + out);
        return out.toString();
    }

    @Test
    @Order(3)
    void aBigchainDbMemberReplacedInPlaceByOursKeepsAgreeing() throws Exception {
        assertTrue(!merges.isEmpty(), "the mixed-load test ran first and left outputs to spend");
        Instant t0 = Instant.now();
        LocalNetwork.Member migrated = net.member(2);
        long heightBefore = net.member(1).height();
        migrated.replaceBigchainDbWithOurs();
        System.out.printf(
                "migration: member 2 runs our app on BigchainDB's database after %d ms%n",
                Duration.between(t0, Instant.now()).toMillis());
        LocalNetwork.await(
                CONVERGE, "member 2 back at height " + heightBefore, () -> migrated.height() >= heightBefore);

        // spends of outputs committed before the migration, through the migrated member and the others
        List<SignedTransaction> after = new ArrayList<>();
        for (SignedTransaction merge : merges) {
            Asset x = assetOf(merge);
            after.add(TransactionBuilder.transfer(merge.transaction(), 0)
                    .output(10, x.a.publicKeyBase58())
                    .sign(x.b));
        }
        List<SignedTransaction> toMigrated = after.subList(0, after.size() / 2);
        for (SignedTransaction tx : toMigrated) {
            Answer a = post(migrated, tx.bytes());
            assertEquals(202, a.status(), "the migrated member on " + tx.id() + ": " + a.body());
            sentIds.add(tx.id());
        }
        sendValid(after.subList(after.size() / 2, after.size()));
        sendInvalid(
                "a spend, after the migration, of an output spent before it",
                assets.get(0).conflictingSpend().bytes());
        TendermintRpc.Status converged = net.awaitConverged(CONVERGE);
        Set<String> committed = assertApisAgree(converged);
        for (SignedTransaction tx : after) {
            assertTrue(committed.contains(tx.id()), "committed after the migration: " + tx.id());
        }
        assertTrue(converged.latestBlockHeight() > heightBefore, "blocks were made after the migration");
        System.out.printf(
                "migration: %d spends of earlier outputs committed, height %d -> %d, in %d ms%n",
                after.size(),
                heightBefore,
                converged.latestBlockHeight(),
                Duration.between(t0, Instant.now()).toMillis());
    }

    private Asset assetOf(SignedTransaction transfer) {
        String assetId = transfer.transaction().assetId();
        return assets.stream()
                .filter(a -> a.create.id().equals(assetId))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Every member's API serves the same transactions, outputs (spent and unspent) of every key, blocks of every
     * height and the block of every transaction; JSON compared with key order ignored, lists as sets. Returns the
     * committed transaction ids.
     */
    private Set<String> assertApisAgree(TendermintRpc.Status converged) throws Exception {
        Set<String> committed = new LinkedHashSet<>();
        for (String id : sentIds) {
            if (get(net.member(1), "/api/v1/transactions/" + id).status() == 200) {
                committed.add(id);
            }
        }
        List<String> paths = new ArrayList<>();
        for (String id : sentIds) {
            paths.add("/api/v1/transactions/" + id);
            paths.add("/api/v1/blocks?transaction_id=" + id);
        }
        for (Asset x : assets) {
            paths.add("/api/v1/transactions?asset_id=" + x.create.id());
            paths.add("/api/v1/transactions?asset_id=" + x.create.id() + "&operation=TRANSFER");
        }
        // spent and unspent (together all of a key's outputs) go through 2.2.2's patched spent-output queries
        for (String k : publicKeys) {
            paths.add("/api/v1/outputs?public_key=" + k + "&spent=true");
            paths.add("/api/v1/outputs?public_key=" + k + "&spent=false");
        }
        for (long h = 1; h <= converged.latestBlockHeight(); h++) {
            paths.add("/api/v1/blocks/" + h);
        }
        Instant t0 = Instant.now();
        List<String> differences = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(LocalNetwork.SIZE);
        try {
            for (String path : paths) {
                List<Future<Answer>> answers = new ArrayList<>();
                for (LocalNetwork.Member m : net.members) {
                    answers.add(pool.submit(() -> get(m, path)));
                }
                compare(path, answers, differences);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(
                differences.isEmpty(),
                differences.size() + " of " + paths.size() + " API answers differ, first: "
                        + differences.subList(0, Math.min(5, differences.size())));
        System.out.printf(
                "mixed network: %d API answers identical on all four members (compared in %d ms)%n",
                paths.size(), Duration.between(t0, Instant.now()).toMillis());
        return committed;
    }

    /** Member 1's answer (BigchainDB 2.2.2) against the other three's. */
    private void compare(String path, List<Future<Answer>> answers, List<String> differences) throws Exception {
        Answer reference = answers.get(0).get();
        JsonNode expected = normalized(reference);
        for (int i = 2; i <= LocalNetwork.SIZE; i++) {
            Answer other = answers.get(i - 1).get();
            if (!expected.equals(normalized(other))) {
                differences.add(path + ": member 1 (BigchainDB) " + reference.status() + " " + reference.body()
                        + " / member " + i + " (" + (net.member(i).isBigchainDb() ? "BigchainDB" : "ours") + ") "
                        + other.status() + " " + other.body());
            }
        }
    }

    /**
     * Status and body (of a 200) with object keys sorted; a top-level list (outputs, transactions of an asset, blocks
     * of a transaction) sorted too, as its order is the database's and unspecified. Nested order is compared as is.
     */
    private static JsonNode normalized(Answer a) throws Exception {
        JsonNode body = JSON.getNodeFactory().nullNode();
        if (a.status() == 200) {
            body = sortKeys(JSON.readTree(a.body()));
            if (body.isArray()) {
                List<JsonNode> items = new ArrayList<>();
                body.forEach(items::add);
                items.sort(Comparator.comparing(JsonNode::toString));
                ArrayNode sorted = JSON.createArrayNode();
                items.forEach(sorted::add);
                body = sorted;
            }
        }
        return JSON.createObjectNode().put("status", a.status()).set("body", body);
    }

    private static JsonNode sortKeys(JsonNode n) {
        if (n.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            n.forEach(x -> out.add(sortKeys(x)));
            return out;
        }
        if (n.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            keys.forEach(k -> out.set(k, sortKeys(n.get(k))));
            return out;
        }
        return n;
    }
}
