package net.ledgerd.tx.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.conditions.ConditionDetails;
import net.ledgerd.tx.conditions.CryptoConditionException;
import net.ledgerd.tx.conditions.Ed25519Sha256Fulfillment;
import net.ledgerd.tx.conditions.Fulfillment;
import net.ledgerd.tx.conditions.Fulfillments;
import net.ledgerd.tx.conditions.ThresholdSha256Fulfillment;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.hashing.TxHashes;
import net.ledgerd.tx.json.Canonical;
import net.ledgerd.tx.ledger.GivenOutputs;
import net.ledgerd.tx.ledger.LedgerView;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;
import net.ledgerd.tx.validation.Rule;
import net.ledgerd.tx.validation.ValidationException;
import net.ledgerd.tx.validation.ValidationPolicy;
import net.ledgerd.tx.validation.Validator;
import org.junit.jupiter.api.Test;

/**
 * Compatibility with an official driver, at test time: the driver makes and signs transactions
 * (its generator script), we validate them; we make transactions, the driver's own facilities check
 * them (its checker script). Subclasses name the scripts.
 */
abstract class DriverCompatibility {

    /** Fails the test when the driver is not installed. */
    abstract void requireDriver();

    abstract List<String> generatorCommand();

    abstract List<String> checkerCommand(Path casesFile);

    /** Whether our hostile test content may include text the driver serializes unlike BigchainDB. */
    abstract boolean driverSerializesLikeBigchainDb();

    record Case(
            String name,
            ObjectNode tx,
            List<JsonNode> spentOutputs,
            List<String> spentAssetIds,
            String expect,
            String why) {}

    private List<Case> cases;

    List<Case> driverCases() {
        if (cases == null) {
            requireDriver();
            JsonNode out = Drivers.runJson(generatorCommand());
            Map<String, JsonNode> txById = new HashMap<>();
            for (JsonNode c : out.get("cases")) {
                txById.put(c.get("tx").get("id").asText(), c.get("tx"));
                for (JsonNode s : c.get("spent")) {
                    txById.put(s.get("id").asText(), s);
                }
            }
            List<Case> list = new ArrayList<>();
            for (JsonNode c : out.get("cases")) {
                ObjectNode tx = (ObjectNode) c.get("tx");
                List<JsonNode> spent = new ArrayList<>();
                List<String> assets = new ArrayList<>();
                for (JsonNode in : tx.get("inputs")) {
                    JsonNode fl = in.get("fulfills");
                    if (fl != null && !fl.isNull()) {
                        JsonNode st = txById.get(fl.get("transaction_id").asText());
                        spent.add(st.get("outputs").get(fl.get("output_index").asInt()));
                        assets.add(
                                st.get("operation").asText().equals("CREATE")
                                        ? st.get("id").asText()
                                        : st.get("asset").get("id").asText());
                    }
                }
                list.add(new Case(
                        c.get("name").asText(),
                        tx,
                        spent,
                        assets,
                        c.get("expect").asText(),
                        c.path("why").asText(null)));
            }
            assertTrue(list.size() >= 10, "the generator made only " + list.size() + " transactions");
            cases = list;
        }
        return cases;
    }

    /** "valid" or the rule that rejects: parse, stateless validation, and TRANSFER checks. */
    static String judge(JsonNode tx, List<JsonNode> spentOutputs, List<String> spentAssetIds) {
        try {
            // what the driver would POST: JSON text, here in the driver's own key order and escaping
            byte[] wire = Drivers.JSON.writeValueAsBytes(tx);
            Transaction t = Transactions.parse(wire);
            LedgerView ledger = LedgerView.EMPTY;
            if (!spentOutputs.isEmpty()) {
                List<Output> outs = new ArrayList<>();
                for (JsonNode o : spentOutputs) {
                    outs.add(Transactions.parseOutput(o));
                }
                ledger = GivenOutputs.forInputs(t, outs, spentAssetIds);
            }
            Validator.validate(t, ledger, ValidationPolicy.MEMPOOL);
            return "valid";
        } catch (ValidationException e) {
            if (e.rule() == Rule.NOT_STORABLE) {
                // Valid by BigchainDB's rules, which then fails at Commit when MongoDB refuses the
                // document; ledgerd refuses it up front as the last rule (a documented difference).
                return "valid";
            }
            return e.rule().name() + ": " + e.getMessage();
        } catch (Exception e) {
            return "ERROR " + e;
        }
    }

    // ---- the driver's transactions, judged by us ---------------------------------------------

    @Test
    void everyDriverTransactionIsJudgedAsBigchainDbJudgesIt() {
        Map<String, String> wrong = new LinkedHashMap<>();
        int valid = 0;
        for (Case c : driverCases()) {
            String ours = judge(c.tx(), c.spentOutputs(), c.spentAssetIds());
            if (c.expect().equals("valid")) {
                valid++;
                if (!ours.equals("valid")) {
                    wrong.put(c.name(), "expected valid, got " + ours);
                }
            } else if (!ours.startsWith(Rule.INVALID_ID.name())) {
                // the driver hashed a serialization BigchainDB does not produce (c.why()): the id is wrong
                wrong.put(c.name(), "expected INVALID_ID (" + c.why() + "), got " + ours);
            }
        }
        assertEquals(Map.of(), wrong);
        assertTrue(valid >= 10, "valid driver transactions: " + valid);
    }

    @Test
    void mutatingSignatureKeyAmountInputOrIdMakesItFail() throws Exception {
        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (Case c : driverCases()) {
            if (!c.expect().equals("valid")) {
                continue;
            }
            for (Map.Entry<String, ObjectNode> m : mutations(c.tx()).entrySet()) {
                tried++;
                String ours = judge(m.getValue(), c.spentOutputs(), c.spentAssetIds());
                if (ours.equals("valid") || ours.startsWith("ERROR")) {
                    accepted.add(c.name() + " / " + m.getKey() + ": " + ours);
                }
            }
        }
        assertEquals(List.of(), accepted);
        assertTrue(tried > 1000, "mutations tried: " + tried);
    }

    /**
     * Variants of a transaction, each with one thing changed: every byte of every signature (of the
     * first input; four bytes of the others), the public key inside the fulfillment, each key in
     * owners_before / public_keys / condition details, each amount, each input's link, and every
     * character of the id. Except for the id changes, the id is recomputed so that the mutation
     * itself, not a stale id, has to be caught.
     */
    static Map<String, ObjectNode> mutations(ObjectNode tx) throws CryptoConditionException {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        ArrayNode inputs = (ArrayNode) tx.get("inputs");
        for (int i = 0; i < inputs.size(); i++) {
            String uri = inputs.get(i).get("fulfillment").asText();
            Fulfillment f = Fulfillments.fromUri(uri).fulfillment();
            int leaves = countLeaves(f);
            for (int leaf = 0; leaf < leaves; leaf++) {
                int[] bytes = i == 0 && leaf == 0 ? range(64) : new int[] {0, 31, 32, 63};
                for (int b : bytes) {
                    Fulfillment mf = mutateLeaf(f, leaf, new int[] {0}, false, b);
                    out.put("input " + i + " signature " + leaf + " byte " + b, withFulfillment(tx, i, mf.uri()));
                }
                Fulfillment mk = mutateLeaf(f, leaf, new int[] {0}, true, 7);
                out.put("input " + i + " fulfillment key " + leaf, withFulfillment(tx, i, mk.uri()));
            }
            ArrayNode owners = (ArrayNode) inputs.get(i).get("owners_before");
            for (int k = 0; k < owners.size(); k++) {
                final int ii = i;
                final int kk = k;
                out.put(
                        "input " + i + " owners_before " + k,
                        rehash(
                                tx,
                                j -> ((ArrayNode) j.get("inputs").get(ii).get("owners_before"))
                                        .set(kk, otherKey(owners.get(kk).asText()))));
            }
            JsonNode fl = inputs.get(i).get("fulfills");
            if (fl != null && !fl.isNull()) {
                final int ii = i;
                out.put(
                        "input " + i + " fulfills.transaction_id",
                        rehash(
                                tx,
                                j -> ((ObjectNode) j.get("inputs").get(ii).get("fulfills"))
                                        .put(
                                                "transaction_id",
                                                flipHex(fl.get("transaction_id").asText(), 10))));
                out.put(
                        "input " + i + " fulfills.output_index",
                        rehash(
                                tx,
                                j -> ((ObjectNode) j.get("inputs").get(ii).get("fulfills"))
                                        .put(
                                                "output_index",
                                                fl.get("output_index").asInt() + 1)));
            }
        }
        ArrayNode outputs = (ArrayNode) tx.get("outputs");
        for (int o = 0; o < outputs.size(); o++) {
            final int oo = o;
            long amount = Long.parseLong(outputs.get(o).get("amount").asText());
            out.put(
                    "output " + o + " amount +1",
                    rehash(
                            tx,
                            j -> ((ObjectNode) j.get("outputs").get(oo))
                                    .put(
                                            "amount",
                                            Long.toString(
                                                    amount == 9_000_000_000_000_000_000L ? amount - 1 : amount + 1))));
            if (amount > 1) {
                out.put(
                        "output " + o + " amount -1",
                        rehash(
                                tx,
                                j -> ((ObjectNode) j.get("outputs").get(oo)).put("amount", Long.toString(amount - 1))));
            }
            ArrayNode pks = (ArrayNode) outputs.get(o).get("public_keys");
            for (int k = 0; k < pks.size(); k++) {
                final int kk = k;
                out.put(
                        "output " + o + " public_keys " + k,
                        rehash(
                                tx,
                                j -> ((ArrayNode) j.get("outputs").get(oo).get("public_keys"))
                                        .set(kk, otherKey(pks.get(kk).asText()))));
            }
            out.put(
                    "output " + o + " details key (uri kept)",
                    rehash(
                            tx,
                            j -> mutateDetailsKey(
                                    j.get("outputs").get(oo).get("condition").get("details"))));
            out.put("output " + o + " details key (uri fixed)", rehash(tx, j -> {
                ObjectNode cond = (ObjectNode) j.get("outputs").get(oo).get("condition");
                mutateDetailsKey(cond.get("details"));
                try {
                    cond.put(
                            "uri",
                            ConditionDetails.toCondition(cond.get("details"), "x")
                                    .uri());
                } catch (ValidationException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        String id = tx.get("id").asText();
        for (int p = 0; p < id.length(); p++) {
            ObjectNode j = tx.deepCopy();
            j.put("id", flipHex(id, p));
            out.put("id char " + p, j);
        }
        return out;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static int countLeaves(Fulfillment f) {
        if (f instanceof ThresholdSha256Fulfillment t) {
            int n = 0;
            for (Fulfillment s : t.subfulfillments()) {
                n += countLeaves(s);
            }
            return n;
        }
        return 1;
    }

    /** A copy of f with byte b of the signature (or public key) of the leaf-th Ed25519 leaf flipped. */
    private static Fulfillment mutateLeaf(Fulfillment f, int leaf, int[] counter, boolean key, int b) {
        if (f instanceof Ed25519Sha256Fulfillment e) {
            if (counter[0]++ != leaf) {
                return e;
            }
            byte[] pk = e.publicKey();
            byte[] sig = e.signature();
            if (key) {
                pk[b] ^= 0x01;
            } else {
                sig[b] ^= 0x01;
            }
            return new Ed25519Sha256Fulfillment(pk, sig);
        }
        ThresholdSha256Fulfillment t = (ThresholdSha256Fulfillment) f;
        List<Fulfillment> subs = new ArrayList<>();
        for (Fulfillment s : t.subfulfillments()) {
            subs.add(mutateLeaf(s, leaf, counter, key, b));
        }
        return new ThresholdSha256Fulfillment(subs, t.subconditions());
    }

    private static ObjectNode withFulfillment(ObjectNode tx, int input, String uri) {
        return rehash(tx, j -> ((ObjectNode) j.get("inputs").get(input)).put("fulfillment", uri));
    }

    private static ObjectNode rehash(ObjectNode tx, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode j = tx.deepCopy();
        change.accept(j);
        j.put("id", TxHashes.computeId(j));
        return j;
    }

    private static void mutateDetailsKey(JsonNode details) {
        if (details.path("type").asText().equals("ed25519-sha-256")) {
            ((ObjectNode) details)
                    .put("public_key", otherKey(details.get("public_key").asText()));
        } else {
            mutateDetailsKey(details.get("subconditions").get(0));
        }
    }

    /** The same key with one base58 character changed (still 32 bytes in almost all cases). */
    static String otherKey(String k) {
        char c = k.charAt(5);
        char r = c == 'A' ? 'B' : 'A';
        return k.substring(0, 5) + r + k.substring(6);
    }

    static String flipHex(String hex, int p) {
        char c = hex.charAt(p);
        char r = c == '0' ? '1' : '0';
        return hex.substring(0, p) + r + hex.substring(p + 1);
    }

    // ---- our transactions, checked by the driver ---------------------------------------------

    @Test
    void ourTransactionsPassTheDriversChecks() throws Exception {
        requireDriver();
        List<Drivers.Checked> ours = ourTransactions(driverSerializesLikeBigchainDb());
        JsonNode verdicts = Drivers.runJson(checkerCommand(Drivers.writeCases(ours)));
        Map<String, String> failed = new LinkedHashMap<>();
        for (Drivers.Checked c : ours) {
            String v = verdicts.path(c.name()).asText("missing");
            if (!v.equals("valid")) {
                failed.put(c.name(), v);
            }
        }
        assertEquals(Map.of(), failed);
    }

    static final Ed25519KeyPair A = Ed25519KeyPair.fromSeed(fill(41));
    static final Ed25519KeyPair B = Ed25519KeyPair.fromSeed(fill(42));
    static final Ed25519KeyPair C = Ed25519KeyPair.fromSeed(fill(43));

    static byte[] fill(int b) {
        byte[] s = new byte[32];
        java.util.Arrays.fill(s, (byte) b);
        return s;
    }

    /** Transactions built and signed with our builder, with what each spends. */
    static List<Drivers.Checked> ourTransactions(boolean bigchainDbOnlyContent) throws Exception {
        List<Drivers.Checked> list = new ArrayList<>();
        Map<String, Object> hostile = new LinkedHashMap<>();
        hostile.put("emoji", "\uD83D\uDE00\uD83D\uDCA9\uD83C\uDDE9\uD83C\uDDEA\u2764\uFE0F");
        hostile.put("rtl", "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 \u202Eabc\u202C");
        hostile.put("zero_width", "a\u200Bb\u200Cc\u200Dd\uFEFFe\u2060");
        hostile.put("short_escapes", "tab\there\nnewline\r\b\f\"quoted\"\\back/slash");
        hostile.put("line_seps", "x\u2028y\u2029z");
        hostile.put("long", "L".repeat(20000));
        hostile.put("numbers", List.of(0.1, 1.5, 2.5e-10, 1e21, 123456.789, -0.5, 0, -1, 9007199254740991L));
        Map<String, Object> deep = Map.of("leaf", "\uD83C\uDF43");
        for (int i = 0; i < 60; i++) {
            deep = Map.of("n", deep);
        }
        hostile.put("deep", deep);
        hostile.put("\u05D0\u05D1 key", "rtl key");
        hostile.put("zw\u200Bkey", 1);
        hostile.put("\u00E9", "e-acute key");
        if (bigchainDbOnlyContent) {
            // content JavaScript would serialize differently: only BigchainDB-exact drivers get it
            hostile.put("controls", "bell\u0007 unit\u001F vt\u000B");
            // the smallest normal double: a 2.2.2 server reads subnormals (5e-324) as 0.0
            hostile.put("small_floats", List.of(1e-7, 0.00001, -0.0, Double.MIN_NORMAL));
            hostile.put(
                    "big_ints",
                    List.of(
                            new java.math.BigInteger("18446744073709551616"),
                            new java.math.BigInteger("-1180591620717411303424")));
            hostile.put("\uFFFF", "bmp max key");
            hostile.put("\uD83D\uDE00", "astral key");
        }
        SignedTransaction c1 = TransactionBuilder.create(A)
                .asset(Map.of("serial", "JAVA-1", "language", "en"))
                .metadata(Map.of("temp", 21.5))
                .output(1, A.publicKeyBase58())
                .sign(A);
        list.add(checked("java_create_simple", c1, List.of()));
        SignedTransaction c2 = TransactionBuilder.create(A)
                .asset(hostile)
                .metadata(hostile)
                .output(70, A.publicKeyBase58())
                .output(30, B.publicKeyBase58())
                .output(5, A.publicKeyBase58(), B.publicKeyBase58())
                .output(
                        3,
                        ConditionDetails.thresholdDetails(
                                1,
                                List.of(
                                        ConditionDetails.ed25519Details(A.publicKeyBase58()),
                                        ConditionDetails.ed25519Details(C.publicKeyBase58()))))
                .output(
                        2,
                        ConditionDetails.thresholdDetails(
                                2,
                                List.of(
                                        ConditionDetails.ed25519Details(A.publicKeyBase58()),
                                        ConditionDetails.thresholdDetails(
                                                1,
                                                List.of(
                                                        ConditionDetails.ed25519Details(B.publicKeyBase58()),
                                                        ConditionDetails.ed25519Details(C.publicKeyBase58()))))))
                .sign(A);
        list.add(checked("java_create_hostile_divisible_thresholds", c2, List.of()));
        SignedTransaction c3 = TransactionBuilder.create(A)
                .asset(null)
                .metadata(null)
                .output(9_000_000_000_000_000_000L, C.publicKeyBase58())
                .sign(A);
        list.add(checked("java_create_null_asset_max_amount", c3, List.of()));
        if (bigchainDbOnlyContent) {
            // two issuers: a 2-of-2 threshold fulfillment (the JS driver makes one input per issuer)
            SignedTransaction c4 = TransactionBuilder.create(A, B)
                    .asset(Map.of("issuers", 2))
                    .output(1, C.publicKeyBase58())
                    .sign(A, B);
            list.add(checked("java_create_two_issuers", c4, List.of()));
        }
        Transaction t2 = c2.transaction();
        list.add(checked(
                "java_transfer_simple",
                TransactionBuilder.transfer(t2, 0)
                        .metadata(Map.of("note", "\u00E9\uD83D\uDE9A"))
                        .output(70, C.publicKeyBase58())
                        .sign(A),
                List.of(out(c2, 0))));
        list.add(checked(
                "java_transfer_two_inputs",
                TransactionBuilder.transfer(t2, 0, 1)
                        .output(60, C.publicKeyBase58())
                        .output(40, A.publicKeyBase58())
                        .sign(A, B),
                List.of(out(c2, 0), out(c2, 1))));
        list.add(checked(
                "java_transfer_two_of_two",
                TransactionBuilder.transfer(t2, 2)
                        .output(5, C.publicKeyBase58())
                        .sign(A, B),
                List.of(out(c2, 2))));
        list.add(checked(
                "java_transfer_one_of_two_by_c",
                TransactionBuilder.transfer(t2, 3)
                        .output(3, B.publicKeyBase58())
                        .sign(C),
                List.of(out(c2, 3))));
        list.add(checked(
                "java_transfer_nested_threshold",
                TransactionBuilder.transfer(t2, 4)
                        .output(2, B.publicKeyBase58())
                        .sign(A, C),
                List.of(out(c2, 4))));
        SignedTransaction t1 = TransactionBuilder.transfer(c1.transaction(), 0)
                .output(1, B.publicKeyBase58())
                .sign(A);
        list.add(checked("java_transfer_then", t1, List.of(out(c1, 0))));
        list.add(checked(
                "java_transfer_of_transfer",
                TransactionBuilder.transfer(t1.transaction(), 0)
                        .output(1, A.publicKeyBase58())
                        .sign(B),
                List.of(out(t1, 0))));
        // every one of them passes our own validation too
        for (Drivers.Checked c : list) {
            assertEquals("valid", judgeOwn(c), c.name());
        }
        return list;
    }

    private static String judgeOwn(Drivers.Checked c) throws Exception {
        Transaction t = Transactions.parse(Canonical.serializeUtf8(c.tx()));
        List<String> assets = new ArrayList<>();
        for (int i = 0; i < c.spentOutputs().size(); i++) {
            assets.add(t.assetId());
        }
        return judge(c.tx(), c.spentOutputs(), assets);
    }

    private static JsonNode out(SignedTransaction t, int i) {
        return t.json().get("outputs").get(i);
    }

    private static Drivers.Checked checked(String name, SignedTransaction t, List<JsonNode> spent) {
        // the bytes are what we send; the checker reads them as JSON
        JsonNode tx;
        try {
            tx = Drivers.JSON.readTree(new String(t.bytes(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Drivers.Checked(name, tx, spent);
    }
}
