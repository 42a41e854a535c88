package net.ledgerd.tx.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.build.ElectionTransactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.build.TransactionSigner;
import net.ledgerd.tx.conditions.ConditionDetails;
import net.ledgerd.tx.crypto.Base64Url;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.json.Canonical;
import net.ledgerd.tx.json.StrictJson;
import net.ledgerd.tx.ledger.GivenOutputs;
import net.ledgerd.tx.ledger.LedgerOverlay;
import net.ledgerd.tx.ledger.LedgerView;
import net.ledgerd.tx.ledger.WithValidators;
import net.ledgerd.tx.model.Output;
import net.ledgerd.tx.model.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One test per {@link Rule}, named after it ({@link #everyRuleHasItsTest} checks that). Each
 * builds a valid transaction, breaks exactly that rule (re-signing where the rule is not about
 * signatures, so that nothing else fails first) and expects the rule back.
 */
class RulesTest {
    static final Ed25519KeyPair ALICE = Ed25519KeyPair.fromSeed(seed(11));
    static final Ed25519KeyPair BOB = Ed25519KeyPair.fromSeed(seed(12));
    static final Ed25519KeyPair CAROL = Ed25519KeyPair.fromSeed(seed(13));

    static byte[] seed(int b) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) b);
        return s;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static SignedTransaction create() {
        return TransactionBuilder.create(ALICE)
                .asset(Map.of("serial", "X-1", "language", "en"))
                .metadata(Map.of("temp", 21.5))
                .output(10, ALICE.publicKeyBase58())
                .output(5, ALICE.publicKeyBase58(), BOB.publicKeyBase58())
                .sign(ALICE);
    }

    static ObjectNode json(SignedTransaction t) {
        return t.json().deepCopy();
    }

    /** Re-signs a CREATE tree after an edit (owners_before decide the condition). */
    static ObjectNode resignCreate(ObjectNode tx, Ed25519KeyPair... keys) {
        List<String> owners = StrictJson.mapper()
                .convertValue(
                        tx.get("inputs").get(0).get("owners_before"),
                        StrictJson.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
        return TransactionSigner.sign(tx, List.of(ConditionDetails.forOwners(owners)), keys);
    }

    static ObjectNode edit(SignedTransaction t, Consumer<ObjectNode> change) {
        ObjectNode j = json(t);
        change.accept(j);
        return j;
    }

    static byte[] bytes(JsonNode j) {
        return Canonical.serializeUtf8(j);
    }

    /** parse + validate against a ledger holding the given spent outputs (or nothing when null). */
    static void check(byte[] raw, List<Output> spent, List<String> spentAssets) throws ValidationException {
        Transaction tx = Transactions.parse(raw);
        LedgerView view = spent == null ? LedgerView.EMPTY : GivenOutputs.forInputs(tx, spent, spentAssets);
        Validator.validate(tx, view, ValidationPolicy.MEMPOOL);
    }

    /** parse + validate against a ledger of the given transactions. */
    static void check(byte[] raw, SignedTransaction... ledger) throws ValidationException {
        LedgerOverlay view = new LedgerOverlay(LedgerView.EMPTY);
        for (SignedTransaction t : ledger) {
            view.add(t.transaction());
        }
        Validator.validate(Transactions.parse(raw), view, ValidationPolicy.MEMPOOL);
    }

    static void check(JsonNode j) throws ValidationException {
        check(bytes(j), null, null);
    }

    static void expect(Rule rule, Executable e) {
        ValidationException ex = assertThrows(ValidationException.class, e);
        assertEquals(rule, ex.rule(), ex.getMessage());
        assertTrue(ex.getMessage().length() > 20, "message should explain: " + ex.getMessage());
    }

    static void expect(Rule rule, JsonNode tx) {
        expect(rule, () -> check(tx));
    }

    // ---- sanity ----------------------------------------------------------------------------------

    @Test
    void validTransactionsPass() throws Exception {
        SignedTransaction c = create();
        check(c.json());
        SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0, 1)
                .output(15, CAROL.publicKeyBase58())
                .sign(ALICE, BOB);
        check(
                t.bytes(),
                List.of(
                        c.transaction().outputs().get(0),
                        c.transaction().outputs().get(1)),
                List.of(c.id(), c.id()));
    }

    @Test
    void everyRuleHasItsTest() {
        Set<String> tests = Arrays.stream(getClass().getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
        List<String> missing = Arrays.stream(Rule.values())
                .map(Rule::name)
                .filter(n -> !tests.contains(n))
                .toList();
        assertEquals(List.of(), missing);
    }

    // ---- reading ---------------------------------------------------------------------------------

    @Test
    void MALFORMED_JSON() {
        byte[] raw = create().bytes();
        expect(Rule.MALFORMED_JSON, () -> check(Arrays.copyOf(raw, raw.length - 1), null, null));
        String text = new String(raw, StandardCharsets.UTF_8);
        expect(Rule.MALFORMED_JSON, () -> check((text + "{}").getBytes(StandardCharsets.UTF_8), null, null));
    }

    @Test
    void DUPLICATE_KEY() throws Exception {
        // signed over {"temp": 21.5}; the text repeats the key with another value first
        String text = new String(create().bytes(), StandardCharsets.UTF_8);
        String repeated = text.replace("\"metadata\":{\"temp\":21.5}", "\"metadata\":{\"temp\":0,\"temp\":21.5}");
        assertTrue(repeated.contains("\"temp\":0,"), repeated);
        byte[] raw = repeated.getBytes(StandardCharsets.UTF_8);
        expect(Rule.DUPLICATE_KEY, () -> check(raw, null, null));
        // BigchainDB 2.2.2 keeps the last value and accepts: so does consensus
        Validator.validate(Transactions.parse(raw), LedgerView.EMPTY, ValidationPolicy.CONSENSUS);
        byte[] twoVersions =
                text.replace("{\"asset\":", "{\"version\":\"2.0\",\"asset\":").getBytes(StandardCharsets.UTF_8);
        expect(Rule.DUPLICATE_KEY, () -> check(twoVersions, null, null));
        Validator.validate(Transactions.parse(twoVersions), LedgerView.EMPTY, ValidationPolicy.CONSENSUS);
    }

    @Test
    void INVALID_UNICODE() {
        String text = create().text().replace("X-1", "X-\\ud800");
        expect(Rule.INVALID_UNICODE, () -> check(text.getBytes(StandardCharsets.UTF_8), null, null));
        byte[] raw = create().bytes();
        int at = new String(raw, StandardCharsets.ISO_8859_1).indexOf("X-1");
        raw[at] = (byte) 0xC0;
        expect(Rule.INVALID_UNICODE, () -> check(raw, null, null));
    }

    @Test
    void NUMBER_OUT_OF_RANGE() {
        String text = create().text().replace("21.5", "21e400");
        expect(Rule.NUMBER_OUT_OF_RANGE, () -> check(text.getBytes(StandardCharsets.UTF_8), null, null));
    }

    @Test
    void JSON_TOO_DEEP() {
        String deep = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
        String text = create().text().replace("21.5", deep);
        expect(Rule.JSON_TOO_DEEP, () -> check(text.getBytes(StandardCharsets.UTF_8), null, null));
    }

    // ---- schema ------------------------------------------------------------------------------------

    @Test
    void SCHEMA() {
        SignedTransaction c = create();
        List<Consumer<ObjectNode>> breaks = List.of(
                j -> j.remove("metadata"),
                j -> j.put("extra", 1),
                j -> j.put("version", "2.1"),
                j -> j.put("version", "2.0\n"),
                j -> j.put("operation", "create"),
                j -> j.putObject("metadata"),
                j -> j.put("metadata", "text"),
                j -> j.put("id", "F" + c.id().substring(1).toUpperCase()),
                j -> ((ObjectNode) j.get("asset")).put("id", c.id()),
                j -> j.set("asset", j.get("asset").get("data")),
                j -> ((ObjectNode) j.get("asset")).put("data", "not an object"),
                j -> ((ArrayNode) j.get("inputs")).add(j.get("inputs").get(0).deepCopy()),
                j -> ((ObjectNode) j.get("inputs").get(0)).remove("fulfills"),
                j -> ((ObjectNode) j.get("inputs").get(0)).put("fulfillment", "abc="),
                j -> ((ObjectNode) j.get("inputs").get(0)).put("fulfillment", 5),
                j -> ((ObjectNode) j.get("inputs").get(0))
                        .putArray("owners_before")
                        .add("short"),
                j -> ((ObjectNode) j.get("inputs").get(0)).putNull("owners_before"),
                j -> ((ObjectNode) j.get("outputs").get(0)).put("amount", 10),
                j -> ((ObjectNode) j.get("outputs").get(0)).put("amount", "1.0"),
                j -> ((ObjectNode) j.get("outputs").get(0)).put("amount", "-1"),
                j -> ((ObjectNode) j.get("outputs").get(0)).put("amount", ""),
                j -> ((ObjectNode) j.get("outputs").get(0)).put("amount", "1".repeat(21)),
                j -> ((ObjectNode) j.get("outputs").get(0)).remove("public_keys"),
                j -> ((ObjectNode) j.get("outputs").get(0).get("condition"))
                        .put("uri", "ni:///sha-256;abc?fpt=preimage-sha-256&cost=1"),
                j -> ((ObjectNode) j.get("outputs").get(0).get("condition").get("details"))
                        .put("type", "preimage-sha-256"),
                j -> ((ObjectNode) j.get("outputs").get(0).get("condition").get("details")).put("extra", true),
                j -> ((ObjectNode) j.get("outputs").get(1).get("condition").get("details")).put("threshold", 0),
                j -> ((ObjectNode) j.get("outputs").get(1).get("condition").get("details")).put("threshold", 101),
                j -> ((ObjectNode) j.get("outputs").get(1).get("condition").get("details")).put("threshold", 1.0));
        for (Consumer<ObjectNode> b : breaks) {
            expect(Rule.SCHEMA, edit(c, b));
        }
        // TRANSFER-specific
        SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0)
                .output(10, BOB.publicKeyBase58())
                .sign(ALICE);
        expect(Rule.SCHEMA, edit(t, j -> ((ObjectNode) j.get("inputs").get(0)).putNull("fulfills")));
        expect(
                Rule.SCHEMA,
                edit(t, j -> ((ObjectNode) j.get("inputs").get(0).get("fulfills")).put("output_index", -1)));
        expect(
                Rule.SCHEMA,
                edit(t, j -> ((ObjectNode) j.get("inputs").get(0).get("fulfills")).put("output_index", 0.0)));
        expect(Rule.SCHEMA, edit(t, j -> j.putArray("inputs")));
        expect(Rule.SCHEMA, edit(t, j -> ((ObjectNode) j.get("asset")).putObject("data")));
        expect(Rule.SCHEMA, edit(t, j -> ((ObjectNode) j.get("asset")).put("id", "abc")));
    }

    @Test
    void schemaPatternsAreSearchesAsInRapidjson() throws Exception {
        // "[0-9a-f]{64}" and "[1-9a-zA-Z^OIl]{43,44}" are unanchored in the v2.0 schema: longer text
        // containing a match passes the schema (BigchainDB 2.2.2 accepts such public_keys)
        SignedTransaction c = create();
        ObjectNode j = edit(
                c,
                x -> ((ArrayNode) x.get("outputs").get(0).get("public_keys")).add("--" + BOB.publicKeyBase58() + "--"));
        check(resignCreate(j, ALICE));
    }

    // ---- elections -------------------------------------------------------------------------------

    /** ALICE 10, BOB 10, CAROL 10. */
    static final Map<String, Long> VALIDATORS = validators();

    private static Map<String, Long> validators() {
        Map<String, Long> v = new java.util.LinkedHashMap<>();
        v.put(ALICE.publicKeyBase58(), 10L);
        v.put(BOB.publicKeyBase58(), 10L);
        v.put(CAROL.publicKeyBase58(), 10L);
        return v;
    }

    static SignedTransaction election(long power) {
        return ElectionTransactions.upsertValidator(ALICE, VALIDATORS, seed(40), power, "node-40", "seed-1");
    }

    /** parse + validate against a ledger of the given transactions and {@link #VALIDATORS}. */
    static void checkElection(JsonNode tx, SignedTransaction... ledger) throws ValidationException {
        LedgerOverlay view = new LedgerOverlay(LedgerView.EMPTY);
        for (SignedTransaction t : ledger) {
            view.add(t.transaction());
        }
        Validator.validate(
                Transactions.parse(bytes(tx)), new WithValidators(view, VALIDATORS), ValidationPolicy.CONSENSUS);
    }

    @Test
    void electionsAndVotesPass() throws Exception {
        SignedTransaction e = election(9);
        checkElection(e.json());
        checkElection(ElectionTransactions.chainMigration(BOB, VALIDATORS).json());
        checkElection(ElectionTransactions.vote(e.transaction(), CAROL).json(), e);
        // removing a validator: power 0
        checkElection(election(0).json());
    }

    @Test
    void INVALID_VALIDATOR_PUBLIC_KEY() {
        for (String[] pk : new String[][] {
            {"ed25519-base16", "ab".repeat(32)}, // lower case: Python's b16decode refuses it
            {"ed25519-base16", "AB".repeat(31)},
            {"ed25519-base64", "AAAA"},
            {"ed25519-base32", "A".repeat(56)},
        }) {
            ObjectNode j = edit(election(1), x -> {
                ObjectNode key = (ObjectNode) x.get("asset").get("data").get("public_key");
                key.put("type", pk[0]);
                key.put("value", pk[1]);
            });
            expect(Rule.INVALID_VALIDATOR_PUBLIC_KEY, () -> checkElection(resignCreate(j, ALICE)));
        }
    }

    @Test
    void MULTIPLE_INPUTS() {
        ObjectNode j = edit(
                election(1), x -> ((ArrayNode) x.get("inputs").get(0).get("owners_before")).add(BOB.publicKeyBase58()));
        expect(Rule.MULTIPLE_INPUTS, () -> checkElection(resignCreate(j, ALICE, BOB)));
    }

    @Test
    void INVALID_PROPOSER() {
        Ed25519KeyPair outsider = Ed25519KeyPair.fromSeed(seed(50));
        SignedTransaction e =
                ElectionTransactions.upsertValidator(outsider, VALIDATORS, seed(40), 1, "node-40", "seed-1");
        expect(Rule.INVALID_PROPOSER, () -> checkElection(e.json()));
    }

    @Test
    void UNEQUAL_VALIDATOR_SET() {
        Map<String, Long> other = new java.util.LinkedHashMap<>(VALIDATORS);
        other.put(CAROL.publicKeyBase58(), 9L);
        SignedTransaction e = ElectionTransactions.upsertValidator(ALICE, other, seed(40), 1, "node-40", "seed-1");
        expect(Rule.UNEQUAL_VALIDATOR_SET, () -> checkElection(e.json()));
        other.remove(CAROL.publicKeyBase58());
        SignedTransaction fewer = ElectionTransactions.upsertValidator(ALICE, other, seed(40), 1, "node-40", "seed-1");
        expect(Rule.UNEQUAL_VALIDATOR_SET, () -> checkElection(fewer.json()));
    }

    @Test
    void INVALID_POWER_CHANGE() {
        // total 30: 10 is not below 30/3
        expect(Rule.INVALID_POWER_CHANGE, () -> checkElection(election(10).json()));
    }

    // ---- content --------------------------------------------------------------------------------

    @Test
    void INVALID_ID() {
        SignedTransaction c = create();
        String other = (c.id().charAt(0) == '0' ? "1" : "0") + c.id().substring(1);
        expect(Rule.INVALID_ID, edit(c, j -> j.put("id", other)));
        expect(Rule.INVALID_ID, edit(c, j -> j.putNull("id")));
        // the id covers the fulfillment: a changed signature with the old id fails on the id
        expect(Rule.INVALID_ID, edit(c, j -> ((ObjectNode) j.get("outputs").get(0)).put("amount", "11")));
    }

    @Test
    void FORBIDDEN_KEY() throws Exception {
        for (String key : List.of("a.b", "$where", "a\u0000b", ".", "$")) {
            expect(
                    Rule.FORBIDDEN_KEY,
                    resignCreate(edit(create(), j -> j.putObject("metadata").put(key, 1)), ALICE));
            expect(
                    Rule.FORBIDDEN_KEY,
                    resignCreate(
                            edit(
                                    create(),
                                    j -> ((ObjectNode) j.get("asset"))
                                            .putObject("data")
                                            .putArray("list")
                                            .addArray()
                                            .addObject()
                                            .put(key, 1)),
                            ALICE));
        }
        // allowed: '$' not first, unicode, empty key
        check(resignCreate(
                edit(
                        create(),
                        j -> j.putObject("metadata")
                                .put("a$", 1)
                                .put("\u00e9\uD83D\uDE00", 2)
                                .put("", 3)),
                ALICE));
    }

    @Test
    void INVALID_LANGUAGE() throws Exception {
        expect(
                Rule.INVALID_LANGUAGE,
                resignCreate(edit(create(), j -> j.putObject("metadata").put("language", "klingon")), ALICE));
        expect(
                Rule.INVALID_LANGUAGE,
                resignCreate(
                        edit(
                                create(),
                                j -> j.putObject("metadata")
                                        .putArray("x")
                                        .addObject()
                                        .put("language", "xx")),
                        ALICE));
        expect(
                Rule.INVALID_LANGUAGE,
                resignCreate(
                        edit(
                                create(),
                                j -> ((ObjectNode) j.get("asset"))
                                        .putObject("data")
                                        .putObject("language")
                                        .put("en", 1)),
                        ALICE));
        check(resignCreate(
                edit(
                        create(),
                        j -> j.putObject("metadata").put("language", "russian").put("lang", "xx")),
                ALICE));
    }

    @Test
    void INVALID_AMOUNT() throws Exception {
        for (String a : List.of("0", "000", "9000000000000000001", "99999999999999999999")) {
            expect(
                    Rule.INVALID_AMOUNT,
                    resignCreate(
                            edit(create(), j -> ((ObjectNode) j.get("outputs").get(0)).put("amount", a)), ALICE));
        }
        // The API answers with 2.2.2's AmountError words (found by the differential test's amounts family)
        Map<String, String> words = Map.of(
                "00", "`amount` must be greater than 0",
                "9000000000000000001", "`amount` must be <= 9000000000000000000");
        for (Map.Entry<String, String> w : words.entrySet()) {
            JsonNode tx = resignCreate(
                    edit(create(), j -> ((ObjectNode) j.get("outputs").get(0)).put("amount", w.getKey())), ALICE);
            ValidationException ex = assertThrows(ValidationException.class, () -> check(tx));
            assertEquals(w.getValue(), ex.bigchaindbMessage());
        }
        for (String a : List.of("9000000000000000000", "007")) {
            check(resignCreate(
                    edit(create(), j -> ((ObjectNode) j.get("outputs").get(0)).put("amount", a)), ALICE));
        }
    }

    @Test
    void INVALID_PUBLIC_KEY() {
        // 44 base58 characters that decode to more than 32 bytes
        String notAKey = "z".repeat(44);
        expect(
                Rule.INVALID_PUBLIC_KEY,
                edit(
                        create(),
                        j -> ((ObjectNode)
                                        j.get("outputs").get(0).get("condition").get("details"))
                                .put("public_key", notAKey)));
        // BigchainDB 2.2.2 never decodes a CREATE's owners_before; the signer policy refuses it
        ObjectNode j = edit(create(), x -> ((ArrayNode) x.get("inputs").get(0).get("owners_before")).set(0, notAKey));
        TransactionSigner.sign(j, List.of(ConditionDetails.forOwners(List.of(ALICE.publicKeyBase58()))), ALICE);
        expect(Rule.CREATE_SIGNER_MISMATCH, j);
        assertDoesNotThrow(
                () -> Validator.validate(Transactions.parse(bytes(j)), LedgerView.EMPTY, ValidationPolicy.CONSENSUS));
    }

    @Test
    void INVALID_CONDITION() throws Exception {
        // mempool policy only: BigchainDB 2.2.2 commits these CREATEs (it forms no condition for them)
        ObjectNode tooHigh = resignCreate(
                edit(
                        create(),
                        j -> ((ObjectNode)
                                        j.get("outputs").get(1).get("condition").get("details"))
                                .put("threshold", 3)),
                ALICE);
        expect(Rule.INVALID_CONDITION, tooHigh);
        Validator.validate(Transactions.parse(bytes(tooHigh)), LedgerView.EMPTY, ValidationPolicy.CONSENSUS);
        ObjectNode none = resignCreate(
                edit(
                        create(),
                        j -> ((ObjectNode)
                                        j.get("outputs").get(1).get("condition").get("details"))
                                .putArray("subconditions")),
                ALICE);
        expect(Rule.INVALID_CONDITION, none);
        Validator.validate(Transactions.parse(bytes(none)), LedgerView.EMPTY, ValidationPolicy.CONSENSUS);
    }

    @Test
    void THRESHOLD_TOO_DEEP() {
        ObjectNode d = ConditionDetails.ed25519Details(ALICE.publicKeyBase58());
        for (int i = 0; i < 100; i++) {
            d = ConditionDetails.thresholdDetails(1, List.of(d));
        }
        ObjectNode deep = d;
        expect(
                Rule.THRESHOLD_TOO_DEEP,
                edit(create(), j -> ((ObjectNode) j.get("outputs").get(0).get("condition")).set("details", deep)));
    }

    @Test
    void OUTPUT_CONDITION_MISMATCH() {
        String bobUri = ConditionDetails.ed25519Details(BOB.publicKeyBase58()).toString();
        expect(
                Rule.OUTPUT_CONDITION_MISMATCH,
                resignCreate(
                        edit(create(), j -> {
                            JsonNode other = create().json()
                                    .get("outputs")
                                    .get(1)
                                    .get("condition")
                                    .get("uri");
                            ((ObjectNode) j.get("outputs").get(0).get("condition")).set("uri", other);
                        }),
                        ALICE));
        assertTrue(bobUri.contains("ed25519"));
    }

    @Test
    void MALFORMED_FULFILLMENT() {
        expect(
                Rule.MALFORMED_FULFILLMENT,
                edit(create(), j -> ((ObjectNode) j.get("inputs").get(0)).put("fulfillment", "AAAA")));
        expect(
                Rule.MALFORMED_FULFILLMENT,
                edit(create(), j -> ((ObjectNode) j.get("inputs").get(0)).put("fulfillment", "")));
        String f = create().json().get("inputs").get(0).get("fulfillment").textValue();
        expect(
                Rule.MALFORMED_FULFILLMENT,
                edit(
                        create(),
                        j -> ((ObjectNode) j.get("inputs").get(0)).put("fulfillment", f.substring(0, f.length() - 4))));
    }

    @Test
    void NON_CANONICAL_FULFILLMENT() {
        String f = create().json().get("inputs").get(0).get("fulfillment").textValue();
        byte[] der = Base64Url.decode(f);
        byte[] longLen = new byte[der.length + 1];
        longLen[0] = der[0];
        longLen[1] = (byte) 0x81;
        System.arraycopy(der, 1, longLen, 2, der.length - 1);
        ObjectNode j = edit(
                create(), x -> ((ObjectNode) x.get("inputs").get(0)).put("fulfillment", Base64Url.encode(longLen)));
        j.put("id", net.ledgerd.tx.hashing.TxHashes.computeId(j));
        expect(Rule.NON_CANONICAL_FULFILLMENT, j);
    }

    @Test
    void INVALID_SIGNATURE() {
        SignedTransaction c = create();
        // change a signed field and fix only the id: the signature no longer matches
        ObjectNode j = edit(c, x -> x.putObject("metadata").put("temp", 99));
        j.put("id", net.ledgerd.tx.hashing.TxHashes.computeId(j));
        expect(Rule.INVALID_SIGNATURE, j);
        // unsigned: condition details in place of the fulfillment
        ObjectNode u = edit(
                c,
                x -> ((ObjectNode) x.get("inputs").get(0))
                        .set("fulfillment", ConditionDetails.ed25519Details(ALICE.publicKeyBase58())));
        u.put("id", net.ledgerd.tx.hashing.TxHashes.computeId(u));
        expect(Rule.INVALID_SIGNATURE, u);
    }

    @Test
    void CREATE_SIGNER_MISMATCH() {
        // owners_before says BOB, ALICE signs (BigchainDB 2.2.2 would accept this)
        ObjectNode j = edit(
                create(),
                x -> ((ObjectNode) x.get("inputs").get(0))
                        .putArray("owners_before")
                        .add(BOB.publicKeyBase58()));
        TransactionSigner.sign(j, List.of(ConditionDetails.forOwners(List.of(ALICE.publicKeyBase58()))), ALICE);
        expect(Rule.CREATE_SIGNER_MISMATCH, j);
        ObjectNode empty = edit(create(), x -> ((ObjectNode) x.get("inputs").get(0)).putArray("owners_before"));
        TransactionSigner.sign(empty, List.of(ConditionDetails.forOwners(List.of(ALICE.publicKeyBase58()))), ALICE);
        expect(Rule.CREATE_SIGNER_MISMATCH, empty);
    }

    @Test
    void DUPLICATE_INPUT() {
        SignedTransaction c = create();
        ObjectNode j = TransactionBuilder.transfer(c.transaction(), 0, 0)
                .output(20, BOB.publicKeyBase58())
                .unsignedJson();
        TransactionSigner.sign(
                j,
                List.of(
                        c.json().get("outputs").get(0).get("condition").get("details"),
                        c.json().get("outputs").get(0).get("condition").get("details")),
                ALICE);
        expect(Rule.DUPLICATE_INPUT, j);
    }

    // ---- TRANSFER checks given the spent outputs ------------------------------------------------

    @Test
    void FULFILLMENT_CONDITION_MISMATCH() {
        SignedTransaction c = create();
        Output spent = c.transaction().outputs().get(0);
        // signed as if the output were BOB's
        ObjectNode j = TransactionBuilder.transfer(c.transaction(), 0)
                .output(10, BOB.publicKeyBase58())
                .unsignedJson();
        TransactionSigner.sign(j, List.of(ConditionDetails.ed25519Details(BOB.publicKeyBase58())), BOB);
        expect(Rule.FULFILLMENT_CONDITION_MISMATCH, () -> check(bytes(j), List.of(spent), List.of(c.id())));
    }

    @Test
    void AMOUNT_MISMATCH() {
        SignedTransaction c = create();
        SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0)
                .output(9, BOB.publicKeyBase58())
                .sign(ALICE);
        expect(
                Rule.AMOUNT_MISMATCH,
                () -> check(t.bytes(), List.of(c.transaction().outputs().get(0)), List.of(c.id())));
    }

    @Test
    void ASSET_ID_MISMATCH() {
        SignedTransaction c = create();
        SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0)
                .output(10, BOB.publicKeyBase58())
                .sign(ALICE);
        String other = "ab".repeat(32);
        expect(
                Rule.ASSET_ID_MISMATCH,
                () -> check(t.bytes(), List.of(c.transaction().outputs().get(0)), List.of(other)));
        SignedTransaction t2 = TransactionBuilder.transfer(c.transaction(), 0, 1)
                .output(15, BOB.publicKeyBase58())
                .sign(ALICE, BOB);
        expect(
                Rule.ASSET_ID_MISMATCH,
                () -> check(
                        t2.bytes(),
                        List.of(
                                c.transaction().outputs().get(0),
                                c.transaction().outputs().get(1)),
                        List.of(c.id(), other)));
    }

    @Test
    void NOT_STORABLE() throws Exception {
        // MongoDB 3.6 inserts documents up to 180 levels: {"data": X, "id"} holds X of 179 levels,
        // {"id", "metadata": M} holds M of 179 levels; an empty container counts as a level
        int deepest = StorageLimits.MAX_DOCUMENT_DEPTH - 1;
        check(resignCreate(withAssetData(nested(deepest, "leaf")), ALICE));
        expect(Rule.NOT_STORABLE, resignCreate(withAssetData(nested(deepest + 1, "leaf")), ALICE));
        check(resignCreate(withMetadata(nested(deepest, "leaf")), ALICE));
        expect(Rule.NOT_STORABLE, resignCreate(withMetadata(nested(deepest + 1, "leaf")), ALICE));
        JsonNode empty = StrictJson.mapper().createObjectNode();
        check(resignCreate(withMetadata(nested(deepest - 1, empty)), ALICE));
        expect(Rule.NOT_STORABLE, resignCreate(withMetadata(nested(deepest, empty)), ALICE));
        ObjectNode bigInt = edit(
                create(),
                j -> ((ObjectNode) j.get("metadata"))
                        .put("n", new java.math.BigInteger("123456789012345678901234567890")));
        expect(Rule.NOT_STORABLE, resignCreate(bigInt, ALICE));
    }

    /** An object of the given levels: {"d": {"d": ... {"d": leaf}}}. */
    static ObjectNode nested(int levels, String leaf) {
        return nested(levels, StrictJson.mapper().getNodeFactory().textNode(leaf));
    }

    static ObjectNode nested(int levels, JsonNode leaf) {
        JsonNode inner = leaf;
        for (int i = 0; i < levels; i++) {
            inner = StrictJson.mapper().createObjectNode().set("d", inner);
        }
        return (ObjectNode) inner;
    }

    static ObjectNode withAssetData(JsonNode data) {
        return edit(create(), j -> j.putObject("asset").set("data", data));
    }

    static ObjectNode withMetadata(JsonNode metadata) {
        return edit(create(), j -> j.set("metadata", metadata));
    }

    // ---- checks against the ledger -----------------------------------------------------------------

    @Test
    void DUPLICATE_TRANSACTION() {
        SignedTransaction c = create();
        expect(Rule.DUPLICATE_TRANSACTION, () -> check(c.bytes(), c));
    }

    @Test
    void INPUT_DOES_NOT_EXIST() throws Exception {
        SignedTransaction c = create();
        SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0)
                .output(10, BOB.publicKeyBase58())
                .sign(ALICE);
        check(t.bytes(), c);
        expect(Rule.INPUT_DOES_NOT_EXIST, () -> check(t.bytes()));
        ObjectNode pastTheEnd = t.json().deepCopy();
        ((ObjectNode) pastTheEnd.get("inputs").get(0).get("fulfills")).put("output_index", 2);
        ObjectNode resigned = TransactionSigner.sign(
                pastTheEnd,
                List.of(c.json().get("outputs").get(0).get("condition").get("details")),
                ALICE);
        expect(Rule.INPUT_DOES_NOT_EXIST, () -> check(bytes(resigned), c));
    }

    @Test
    void DOUBLE_SPEND() throws Exception {
        SignedTransaction c = create();
        SignedTransaction toBob = TransactionBuilder.transfer(c.transaction(), 0)
                .output(10, BOB.publicKeyBase58())
                .sign(ALICE);
        SignedTransaction toCarol = TransactionBuilder.transfer(c.transaction(), 0)
                .output(10, CAROL.publicKeyBase58())
                .sign(ALICE);
        check(toCarol.bytes(), c);
        expect(Rule.DOUBLE_SPEND, () -> check(toCarol.bytes(), c, toBob));
    }
}
