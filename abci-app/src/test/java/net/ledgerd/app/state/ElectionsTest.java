package net.ledgerd.app.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.ledgerd.app.metrics.AppMetrics;
import net.ledgerd.app.store.AbciChainRecord;
import net.ledgerd.app.store.ValidatorRecord;
import net.ledgerd.proto.abci.*;
import net.ledgerd.tx.build.ElectionTransactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Elections through the ABCI calls on a real MongoDB-protocol server: conclusion at EndBlock, the
 * stored validator set, crash recovery of EndBlock's writes, and a chain migration that stops the
 * node after its restart until InitChain of the new chain. Agreement with BigchainDB 2.2.2 itself
 * is DifferentialTest's elections family.
 */
class ElectionsTest {
    @RegisterExtension
    static final AppOnMongo node = new AppOnMongo("elections");

    private final List<Ed25519KeyPair> validators = new ArrayList<>();
    private final Ed25519KeyPair newcomer = Ed25519KeyPair.generate();

    @BeforeEach
    void initChain() {
        for (int i = 0; i < 4; i++) {
            validators.add(Ed25519KeyPair.generate());
        }
        node.app().initChain(genesis("test-chain"));
    }

    private RequestInitChain genesis(String chainId) {
        RequestInitChain.Builder b = RequestInitChain.newBuilder().setChainId(chainId);
        for (Ed25519KeyPair v : validators) {
            b.addValidators(ValidatorUpdate.newBuilder()
                    .setPower(10)
                    .setPubKey(PubKey.newBuilder().setType("ed25519").setData(ByteString.copyFrom(v.publicKey()))));
        }
        return b.build();
    }

    private Map<String, Long> powers() {
        Map<String, Long> p = new LinkedHashMap<>();
        validators.forEach(v -> p.put(v.publicKeyBase58(), 10L));
        return p;
    }

    /** One block of {@code txs}, every one accepted at DeliverTx; Commit when asked. */
    private ResponseEndBlock block(boolean commit, SignedTransaction... txs) {
        AppOnMongo.Block block = node.block(
                commit, Arrays.stream(txs).map(SignedTransaction::bytes).toArray(byte[][]::new));
        block.delivered().forEach(r -> assertEquals(0, r.getCode(), r.getLog()));
        return block.end();
    }

    private SignedTransaction vote(SignedTransaction election, int validator) {
        return ElectionTransactions.vote(election.transaction(), validators.get(validator));
    }

    @Test
    void aValidatorElectionConcludesAtTwoThirdsAndChangesTheSetOnce() {
        SignedTransaction add =
                ElectionTransactions.upsertValidator(validators.get(0), powers(), newcomer.publicKey(), 5, "node-5");
        assertEquals(0, block(true, add).getValidatorUpdatesCount());
        // 20 of 40: not yet two thirds
        assertEquals(0, block(true, vote(add, 0), vote(add, 1)).getValidatorUpdatesCount());
        ResponseEndBlock concluded = block(true, vote(add, 2));
        assertEquals(1, concluded.getValidatorUpdatesCount());
        ValidatorUpdate u = concluded.getValidatorUpdates(0);
        assertEquals("ed25519", u.getPubKey().getType());
        assertTrue(Arrays.equals(newcomer.publicKey(), u.getPubKey().getData().toByteArray()));
        assertEquals(5, u.getPower());
        List<ValidatorRecord> set = node.store().latestValidators();
        assertEquals(5, set.size());
        assertEquals(new ValidatorRecord(Base64.getEncoder().encodeToString(newcomer.publicKey()), 5), set.get(4));
        assertEquals(
                node.height() + 1,
                node.store().validatorChange(null).orElseThrow().height());
        assertTrue(node.store().election(add.id()).orElseThrow().concluded());
        // a fourth vote after the conclusion changes nothing
        assertEquals(0, block(true, vote(add, 3)).getValidatorUpdatesCount());
        assertEquals(5, node.store().latestValidators().size());
    }

    @Test
    void anInterruptedEndBlockIsRolledBackAndReplayedTheSame() {
        SignedTransaction remove = ElectionTransactions.upsertValidator(
                validators.get(0), powers(), validators.get(3).publicKey(), 0, "node-4");
        block(true, remove);
        block(true, vote(remove, 0), vote(remove, 1));
        ResponseEndBlock first = block(false, vote(remove, 2)); // the node dies before Commit
        assertEquals(0, first.getValidatorUpdates(0).getPower());
        assertEquals(3, node.store().latestValidators().size());

        node.restart(new AppMetrics()); // BEP-8 rollback; the next block replays the uncommitted one
        assertEquals(4, node.store().latestValidators().size());
        assertTrue(!node.store().election(remove.id()).orElseThrow().concluded());
        ResponseEndBlock replayed = block(true, vote(remove, 2));
        assertEquals(first.getValidatorUpdatesList(), replayed.getValidatorUpdatesList());
        assertEquals(3, node.store().latestValidators().size());
    }

    @Test
    void anEndBlockReplayedToTheSameAppAfterTendermintRestartedIsTheSame() {
        SignedTransaction remove = ElectionTransactions.upsertValidator(
                validators.get(0), powers(), validators.get(3).publicKey(), 0, "node-4");
        block(true, remove);
        block(true, vote(remove, 0), vote(remove, 1));
        ResponseEndBlock first = block(false, vote(remove, 2)); // Tendermint stops before Commit; the app runs on
        ResponseEndBlock replayed = block(true, vote(remove, 2)); // restarted, it replays the block to the same app
        assertEquals(first.getValidatorUpdatesList(), replayed.getValidatorUpdatesList());
        assertEquals(3, node.store().latestValidators().size());
        assertTrue(node.store().election(remove.id()).orElseThrow().concluded());
    }

    @Test
    void aChainMigrationStopsTheNodeAfterRestartUntilTheNewChainStarts() {
        SignedTransaction migrate = ElectionTransactions.chainMigration(validators.get(1), powers());
        block(true, migrate);
        ResponseEndBlock concluded = block(true, vote(migrate, 0), vote(migrate, 1), vote(migrate, 2));
        assertEquals(0, concluded.getValidatorUpdatesCount());
        AbciChainRecord pending = node.store().latestAbciChain().orElseThrow();
        assertEquals(new AbciChainRecord(2, "test-chain-migrated-at-height-1", false), pending);
        // as 2.2.2: the running node goes on until it restarts
        block(true);

        LedgerApplication app = node.restart(new AppMetrics());
        ResponseInfo info =
                app.info(RequestInfo.newBuilder().setVersion("0.31.5").build());
        assertEquals(0, info.getLastBlockHeight());
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> app.beginBlock(RequestBeginBlock.newBuilder()
                        .setHeader(Header.newBuilder().setHeight(4))
                        .build()));
        assertTrue(refused.getMessage().contains("chain_id=test-chain-migrated-at-height-1"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> app.initChain(genesis("test-chain")));

        app.initChain(genesis("test-chain-migrated-at-height-1"));
        assertTrue(node.store().latestAbciChain().orElseThrow().synced());
        // as 2.2.2's init_chain: an empty block after the latest (3), heights shifted by the chain's (2)
        assertEquals(4, node.store().latestBlock().orElseThrow().height());
        assertEquals(
                2,
                app.info(RequestInfo.newBuilder().setVersion("0.31.5").build()).getLastBlockHeight());
        ResponseCheckTx accepted = node.check(
                ElectionTransactions.chainMigration(validators.get(2), powers()).bytes());
        assertEquals(0, accepted.getCode(), accepted.getLog());
    }
}
