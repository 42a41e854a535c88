package net.ledgerd.app.state;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.ledgerd.app.metrics.AppMetrics;
import net.ledgerd.proto.abci.*;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.build.TransactionSigner;
import net.ledgerd.tx.conditions.ConditionDetails;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.hashing.TxHashes;
import net.ledgerd.tx.json.Canonical;
import net.ledgerd.tx.ledger.OutputLink;
import net.ledgerd.tx.model.Transaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The validation-against-state rules and the block lifecycle, one test per rule, driven through
 * the ABCI calls with a real MongoDB-protocol server (no Tendermint needed at this layer).
 */
class LedgerApplicationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final AppOnMongo node = new AppOnMongo("app");

    private final Ed25519KeyPair alice = Ed25519KeyPair.generate();
    private final Ed25519KeyPair bob = Ed25519KeyPair.generate();

    @BeforeEach
    void initChain() {
        node.app().initChain(genesis("test-chain", 10));
    }

    private static RequestInitChain genesis(String chainId, long power) {
        return RequestInitChain.newBuilder()
                .setChainId(chainId)
                .addValidators(ValidatorUpdate.newBuilder()
                        .setPower(power)
                        .setPubKey(PubKey.newBuilder().setType("ed25519").setData(ByteString.copyFrom(new byte[32]))))
                .build();
    }

    @Test
    void initChainSentAgainBeforeTheFirstBlockIsAnsweredAndAnythingElseRefused() {
        // a member restarted before the chain's first block: Tendermint sends the same InitChain again
        LedgerApplication restarted = node.restart(new AppMetrics());
        restarted.initChain(genesis("test-chain", 10));
        assertEquals(
                0,
                restarted
                        .info(RequestInfo.newBuilder().setVersion("0.31.5").build())
                        .getLastBlockHeight());
        assertThrows(IllegalStateException.class, () -> restarted.initChain(genesis("other-chain", 10)));
        assertThrows(IllegalStateException.class, () -> restarted.initChain(genesis("test-chain", 20)));

        SignedTransaction c = create(alice, 1);
        assertEquals(0, node.block(true, c.bytes()).delivered().get(0).getCode());
        IllegalStateException afterBlock =
                assertThrows(IllegalStateException.class, () -> restarted.initChain(genesis("test-chain", 10)));
        assertTrue(afterBlock.getMessage().contains("already follows chain"), afterBlock.getMessage());
        assertTrue(node.store().isUnspent(new OutputLink(c.id(), 0)));
    }

    private SignedTransaction create(Ed25519KeyPair owner, long amount) {
        return TransactionBuilder.create(owner)
                .asset(Map.of("serial", UUID.randomUUID().toString()))
                .output(amount, owner.publicKeyBase58())
                .sign(owner);
    }

    private ResponseCheckTx check(byte[] tx) {
        return node.check(tx);
    }

    /** Runs one block and commits it; returns the DeliverTx responses. */
    private List<ResponseDeliverTx> block(byte[]... txs) {
        return node.block(true, txs).delivered();
    }

    private static void assertRefused(String rule, int code, String log) {
        assertEquals(1, code, log);
        assertTrue(log.startsWith(rule + " "), "expected " + rule + " but got: " + log);
    }

    @Test
    void validCreateAndTransferAreCommittedWithTheAppHashChain() {
        SignedTransaction c = create(alice, 5);
        assertEquals(0, check(c.bytes()).getCode());
        assertEquals(0, block(c.bytes()).get(0).getCode());
        SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0)
                .output(5, bob.publicKeyBase58())
                .sign(alice);
        assertEquals(0, check(t.bytes()).getCode());
        assertEquals(0, block(t.bytes()).get(0).getCode());
        String expected = AppHash.next(AppHash.next("", List.of(c.id())), List.of(t.id()));
        assertEquals(expected, node.store().latestBlock().orElseThrow().appHash());
        assertFalse(node.store().isUnspent(new OutputLink(c.id(), 0)));
        assertTrue(node.store().isUnspent(new OutputLink(t.id(), 0)));
        var info = node.app().info(RequestInfo.newBuilder().setVersion("0.31.5").build());
        assertEquals(node.height(), info.getLastBlockHeight());
        assertEquals(expected, info.getLastBlockAppHash().toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBlockWhoseCommitFailedIsReplayedToTheSameAppAndStoredOnce() {
        SignedTransaction c = create(alice, 5);
        SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0)
                .output(5, bob.publicKeyBase58())
                .sign(alice);
        node.block(false, c.bytes(), t.bytes());
        // What a Commit that failed before its block record (a database write) leaves behind. Tendermint stops on
        // the failed Commit; its supervisor restarts it alone, and it replays the block to this same process.
        List<ObjectNode> documents =
                List.of(c.transaction().json(), t.transaction().json());
        node.store().storeTransactions(documents);
        node.store().applyToUtxos(documents);
        List<ResponseDeliverTx> replayed = block(c.bytes(), t.bytes());
        assertEquals(0, replayed.get(0).getCode(), replayed.get(0).getLog());
        assertEquals(0, replayed.get(1).getCode(), replayed.get(1).getLog());
        assertEquals(
                AppHash.next("", List.of(c.id(), t.id())),
                node.store().latestBlock().orElseThrow().appHash());
        assertEquals(2, node.store().countTransactions());
        assertFalse(node.store().isUnspent(new OutputLink(c.id(), 0)));
        assertTrue(node.store().isUnspent(new OutputLink(t.id(), 0)));
    }

    @Test
    void duplicateCreateIsRefusedCommittedAndWithinABlock() {
        SignedTransaction c = create(alice, 1);
        List<ResponseDeliverTx> same = block(c.bytes(), c.bytes());
        assertEquals(0, same.get(0).getCode());
        assertRefused(
                "DUPLICATE_TRANSACTION", same.get(1).getCode(), same.get(1).getLog());
        ResponseCheckTx again = check(c.bytes());
        assertRefused("DUPLICATE_TRANSACTION", again.getCode(), again.getLog());
        assertEquals(1, node.store().countTransactions());
    }

    @Test
    void transferOfAMissingTransactionOrOutputIsRefused() {
        SignedTransaction c = create(alice, 1);
        SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0)
                .output(1, bob.publicKeyBase58())
                .sign(alice);
        ResponseCheckTx missing = check(t.bytes());
        assertRefused("INPUT_DOES_NOT_EXIST", missing.getCode(), missing.getLog());

        block(c.bytes());
        ObjectNode pastTheEnd = (ObjectNode) t.json().deepCopy();
        ((ObjectNode) pastTheEnd.withArray("inputs").get(0).get("fulfills")).put("output_index", 3);
        SignedTransaction resigned = resign(pastTheEnd);
        ResponseCheckTx noSuchOutput = check(resigned.bytes());
        assertRefused("INPUT_DOES_NOT_EXIST", noSuchOutput.getCode(), noSuchOutput.getLog());
    }

    /** Rebuilds a transfer with the same inputs but a changed fulfills, signed properly, so only the state rule can refuse it. */
    private SignedTransaction resign(ObjectNode tx) {
        var f = tx.get("inputs").get(0).get("fulfills");
        return TransactionBuilder.transfer(tx.get("asset").get("id").asText())
                .input(
                        f.get("transaction_id").asText(),
                        f.get("output_index").asInt(),
                        List.of(alice.publicKeyBase58()),
                        JSON.createObjectNode()
                                .put("type", "ed25519-sha-256")
                                .put("public_key", alice.publicKeyBase58()))
                .output(1, bob.publicKeyBase58())
                .sign(alice);
    }

    @Test
    void doubleSpendIsRefusedCommittedAndWithinABlock() {
        SignedTransaction c = create(alice, 2);
        block(c.bytes());
        SignedTransaction toBob = TransactionBuilder.transfer(c.transaction(), 0)
                .output(2, bob.publicKeyBase58())
                .sign(alice);
        SignedTransaction toAlice = TransactionBuilder.transfer(c.transaction(), 0)
                .metadata(Map.of("n", 2))
                .output(2, alice.publicKeyBase58())
                .sign(alice);
        assertEquals(0, check(toBob.bytes()).getCode());
        ResponseCheckTx pendingDoubleSpend = check(toAlice.bytes());
        assertRefused("DOUBLE_SPEND", pendingDoubleSpend.getCode(), pendingDoubleSpend.getLog());
        // Another member's mempool may still propose both: the block decides as BigchainDB does.
        List<ResponseDeliverTx> results = block(toBob.bytes(), toAlice.bytes());
        assertEquals(0, results.get(0).getCode());
        assertRefused("DOUBLE_SPEND", results.get(1).getCode(), results.get(1).getLog());
        ResponseCheckTx later = check(toAlice.bytes());
        assertRefused("DOUBLE_SPEND", later.getCode(), later.getLog());
    }

    @Test
    void transferMayFollowItsInputWithinTheSameBlock() {
        SignedTransaction c = create(alice, 1);
        SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0)
                .output(1, bob.publicKeyBase58())
                .sign(alice);
        List<ResponseDeliverTx> results = block(c.bytes(), t.bytes());
        assertEquals(0, results.get(0).getCode());
        assertEquals(0, results.get(1).getCode(), results.get(1).getLog());
    }

    @Test
    void inputsOfAnotherAssetAreRefused() {
        SignedTransaction a = create(alice, 1);
        SignedTransaction b = create(alice, 1);
        block(a.bytes(), b.bytes());
        SignedTransaction mixed = TransactionBuilder.transfer(a.id())
                .input(a.transaction(), 0)
                .input(b.transaction(), 0)
                .output(2, bob.publicKeyBase58())
                .sign(alice, alice);
        ResponseCheckTx r = check(mixed.bytes());
        assertRefused("ASSET_ID_MISMATCH", r.getCode(), r.getLog());
    }

    @Test
    void amountsMustBalance() {
        SignedTransaction c = create(alice, 5);
        block(c.bytes());
        SignedTransaction more = TransactionBuilder.transfer(c.transaction(), 0)
                .output(6, bob.publicKeyBase58())
                .sign(alice);
        ResponseCheckTx r = check(more.bytes());
        assertRefused("AMOUNT_MISMATCH", r.getCode(), r.getLog());
    }

    @Test
    void aSignatureByTheWrongKeyIsRefused() {
        SignedTransaction c = create(alice, 1);
        SignedTransaction bobs = create(bob, 1);
        block(c.bytes(), bobs.bytes());
        // Bob signs a transfer of his own output, grafts his fulfillment onto a transfer of alice's and fixes up the
        // id.
        SignedTransaction bobSigned = TransactionBuilder.transfer(bobs.transaction(), 0)
                .output(1, bob.publicKeyBase58())
                .sign(bob);
        ObjectNode stolen = TransactionBuilder.transfer(c.transaction(), 0)
                .output(1, bob.publicKeyBase58())
                .sign(alice)
                .json()
                .deepCopy();
        ((ObjectNode) stolen.get("inputs").get(0))
                .put(
                        "fulfillment",
                        bobSigned.json().get("inputs").get(0).get("fulfillment").asText());
        stolen.put("id", net.ledgerd.tx.hashing.TxHashes.computeId(stolen));
        ResponseCheckTx r;
        try {
            r = check(JSON.writeValueAsBytes(stolen));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
        assertEquals(1, r.getCode());
        assertTrue(r.getLog().contains("(InvalidSignature)"), r.getLog());
    }

    @Test
    void whatMongoDbCannotStoreIsRefusedBeforeCommit() {
        Object deep = "leaf";
        // deeper than MongoDB 3.6 stores (StorageLimits: 180 levels in all)
        for (int i = 0; i < 200; i++) {
            deep = Map.of("d", deep);
        }
        SignedTransaction tooDeep = TransactionBuilder.create(alice)
                .asset(Map.of("x", deep))
                .output(1, alice.publicKeyBase58())
                .sign(alice);
        ResponseCheckTx r = check(tooDeep.bytes());
        assertRefused("NOT_STORABLE", r.getCode(), r.getLog());

        SignedTransaction bigInt = TransactionBuilder.create(alice)
                .metadata(Map.of("n", new java.math.BigInteger("123456789012345678901234567890")))
                .output(1, alice.publicKeyBase58())
                .sign(alice);
        ResponseCheckTx big = check(bigInt.bytes());
        assertRefused("NOT_STORABLE", big.getCode(), big.getLog());
        List<ResponseDeliverTx> delivered = block(tooDeep.bytes(), bigInt.bytes());
        assertEquals(1, delivered.get(0).getCode());
        assertEquals(1, delivered.get(1).getCode());
        assertEquals(0, node.store().countTransactions());
    }

    @Test
    void deliverReusesTheSignatureCheckOfCheckTxOnlyForTheSameBytes() {
        AppMetrics metrics = new AppMetrics();
        node.restart(metrics);
        SignedTransaction c = create(alice, 1);
        check(c.bytes());
        block(c.bytes());
        assertEquals(1.0, metrics.verificationsReused());
        SignedTransaction d = create(alice, 1);
        block(d.bytes());
        assertEquals(1.0, metrics.verificationsReused(), "never checked in CheckTx: verified in DeliverTx");
    }

    /** A CREATE of alice's whose owners_before names bob instead, signed by alice alone. */
    private byte[] createSignedByNonOwner(boolean breakSignature) {
        ObjectNode j = create(alice, 3).json().deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) j.get("inputs").get(0).get("owners_before"))
                .set(0, bob.publicKeyBase58());
        TransactionSigner.sign(j, List.of(ConditionDetails.ed25519Details(alice.publicKeyBase58())), alice);
        if (breakSignature) {
            j.putObject("metadata").put("changed", "after signing");
            j.put("id", TxHashes.computeId(j));
        }
        return Canonical.serializeUtf8(j);
    }

    @Test
    void mempoolPolicyRefusesAtCheckTxWhatDeliverTxCommitsAsBigchainDb() throws Exception {
        byte[] unauthenticated = createSignedByNonOwner(false);
        assertRefused(
                "CREATE_SIGNER_MISMATCH",
                check(unauthenticated).getCode(),
                check(unauthenticated).getLog());
        assertThrows(Rejection.class, () -> node.app().validateSubmission(unauthenticated));
        // proposed by another member (BigchainDB 2.2.2 accepts it): DeliverTx must commit it
        assertEquals(0, block(unauthenticated).get(0).getCode());
        assertEquals(1, node.store().countTransactions());
        // an output whose uri is not its details' uri: policy refuses, consensus commits, and a
        // TRANSFER signed for the details (not for the uri) spends it, as in 2.2.2
        ObjectNode c = create(alice, 2).json().deepCopy();
        ((ObjectNode) c.get("outputs").get(0).get("condition"))
                .put(
                        "uri",
                        ConditionDetails.ed25519(bob.publicKeyBase58(), "test").uri());
        TransactionSigner.sign(c, List.of(ConditionDetails.ed25519Details(alice.publicKeyBase58())), alice);
        byte[] otherUri = Canonical.serializeUtf8(c);
        assertRefused(
                "OUTPUT_CONDITION_MISMATCH",
                check(otherUri).getCode(),
                check(otherUri).getLog());
        assertEquals(0, block(otherUri).get(0).getCode());
        Transaction committed = assertDoesNotThrow(() -> net.ledgerd.tx.Transactions.parse(otherUri));
        SignedTransaction spend = TransactionBuilder.transfer(committed, 0)
                .output(2, bob.publicKeyBase58())
                .sign(alice);
        assertEquals(0, check(spend.bytes()).getCode(), check(spend.bytes()).getLog());
        assertEquals(0, block(spend.bytes()).get(0).getCode());
    }

    @Test
    void whatCheckTxRefusedByPolicyIsFullyVerifiedInDeliverTx() {
        byte[] forged = createSignedByNonOwner(true);
        assertEquals(1, check(forged).getCode());
        ResponseDeliverTx delivered = block(forged).get(0);
        assertRefused("INVALID_SIGNATURE", delivered.getCode(), delivered.getLog());
        assertEquals(0, node.store().countTransactions());
    }

    @Test
    void unsupportedTendermintVersionIsRefusedAtHandshake() {
        assertThrows(
                IllegalStateException.class,
                () -> node.app()
                        .info(RequestInfo.newBuilder().setVersion("0.34.0").build()));
    }

    // ---- the check view: CheckTx sees this node's pending transactions ----------------------------

    private SignedTransaction transfer(SignedTransaction from, Ed25519KeyPair owner, Ed25519KeyPair to, long amount) {
        return TransactionBuilder.transfer(from.transaction(), 0)
                .metadata(Map.of("to", to.publicKeyBase58()))
                .output(amount, to.publicKeyBase58())
                .sign(owner);
    }

    @Test
    void checkTxAcceptsASpendOfAPendingOutputAndRefusesASecondPendingSpend() {
        SignedTransaction c = create(alice, 3);
        SignedTransaction toBob = transfer(c, alice, bob, 3);
        SignedTransaction toAlice = transfer(c, alice, alice, 3);
        assertEquals(0, check(c.bytes()).getCode());
        ResponseCheckTx child = check(toBob.bytes());
        assertEquals(0, child.getCode(), child.getLog());
        ResponseCheckTx second = check(toAlice.bytes());
        assertRefused("DOUBLE_SPEND", second.getCode(), second.getLog());
        ResponseCheckTx again = check(c.bytes());
        assertRefused("DUPLICATE_TRANSACTION", again.getCode(), again.getLog());
        assertEquals(0, node.store().countTransactions(), "nothing is written before a block");
        List<ResponseDeliverTx> delivered = block(c.bytes(), toBob.bytes());
        assertEquals(
                List.of(0, 0),
                delivered.stream().map(ResponseDeliverTx::getCode).toList());
    }

    @Test
    void afterCommitTheCheckViewKeepsStillPendingTransactions() {
        SignedTransaction c = create(alice, 3);
        SignedTransaction toBob = transfer(c, alice, bob, 3);
        assertEquals(0, check(c.bytes()).getCode());
        assertEquals(0, check(toBob.bytes()).getCode());
        block(c.bytes());
        ResponseCheckTx second = check(transfer(c, alice, alice, 3).bytes());
        assertRefused("DOUBLE_SPEND", second.getCode(), second.getLog());
        SignedTransaction grandchild = transfer(toBob, bob, alice, 3);
        assertEquals(0, check(grandchild.bytes()).getCode(), "the pending child's output still exists");
        List<ResponseDeliverTx> delivered = block(toBob.bytes(), grandchild.bytes());
        assertEquals(
                List.of(0, 0),
                delivered.stream().map(ResponseDeliverTx::getCode).toList());
    }

    @Test
    void aTransactionRefusedInTheBlockLeavesTheCheckViewWithItsChildren() {
        SignedTransaction c = create(alice, 3);
        block(c.bytes());
        SignedTransaction parent = transfer(c, alice, bob, 3);
        SignedTransaction child = transfer(parent, bob, alice, 3);
        assertEquals(0, check(parent.bytes()).getCode());
        assertEquals(0, check(child.bytes()).getCode());
        // Another member proposes its own spend of the same output first: the parent is refused in
        // the block, so its pending child spends an output that will never exist.
        SignedTransaction rival = transfer(c, alice, alice, 3);
        List<ResponseDeliverTx> delivered = block(rival.bytes(), parent.bytes());
        assertEquals(0, delivered.get(0).getCode());
        assertRefused(
                "DOUBLE_SPEND", delivered.get(1).getCode(), delivered.get(1).getLog());
        ResponseCheckTx orphan = check(transfer(parent, bob, bob, 3).bytes());
        assertRefused("INPUT_DOES_NOT_EXIST", orphan.getCode(), orphan.getLog());
        assertEquals(0, check(transfer(rival, alice, bob, 3).bytes()).getCode());
    }

    @Test
    void aPendingTransactionDoubleSpentByTheBlockIsDroppedWithItsChildren() {
        SignedTransaction c = create(alice, 3);
        block(c.bytes());
        SignedTransaction pending = transfer(c, alice, bob, 3);
        SignedTransaction child = transfer(pending, bob, alice, 3);
        assertEquals(0, check(pending.bytes()).getCode());
        assertEquals(0, check(child.bytes()).getCode());
        // The block holds a spend this node never saw in CheckTx; the pending one is never proposed.
        SignedTransaction rival = transfer(c, alice, alice, 3);
        assertEquals(0, block(rival.bytes()).get(0).getCode());
        ResponseCheckTx retry = check(pending.bytes());
        assertRefused("DOUBLE_SPEND", retry.getCode(), retry.getLog());
        SignedTransaction otherChild = transfer(pending, bob, bob, 3);
        ResponseCheckTx orphan = check(otherChild.bytes());
        assertRefused("INPUT_DOES_NOT_EXIST", orphan.getCode(), orphan.getLog());
    }

    @Test
    void theHttpApiCheckSeesPendingOutputsWithoutAddingToTheView() throws Exception {
        SignedTransaction c = create(alice, 3);
        SignedTransaction toBob = transfer(c, alice, bob, 3);
        assertThrows(Rejection.class, () -> node.app().validateSubmission(toBob.bytes()));
        assertEquals(0, check(c.bytes()).getCode());
        node.app().validateSubmission(toBob.bytes());
        node.app().validateSubmission(toBob.bytes());
        assertEquals(0, check(toBob.bytes()).getCode(), "the API check added nothing");
    }
}
