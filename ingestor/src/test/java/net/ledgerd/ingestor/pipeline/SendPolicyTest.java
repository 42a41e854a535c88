package net.ledgerd.ingestor.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.ChainHead;
import net.ledgerd.ingestor.ledger.Coverage;
import net.ledgerd.ingestor.ledger.ReadingTransactions;
import net.ledgerd.ingestor.ledger.Segment;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** About one TRANSFER per asset and block, as late as still makes the next block: when an asset's next one goes. */
class SendPolicyTest {
    private static final ReadingTransactions TXS = new ReadingTransactions(Ed25519KeyPair.fromSeed(new byte[32]));
    private static final int DEPTH = 4;
    private static final int BATCH = 100;

    private final SendPolicy policy = new SendPolicy(DEPTH, BATCH, Duration.ofMillis(700));
    private final AssetChain chain = readyChain();
    private long offset;

    private static AssetChain readyChain() {
        AssetKey key = new AssetKey("dev", "temperature", "°C");
        SignedTransaction create = TXS.create(key);
        AssetChain c = new AssetChain(key, create, 0);
        c.state = AssetChain.State.READY;
        c.head = new ChainHead(create.transaction(), Coverage.none());
        return c;
    }

    private void arrive(int readings) {
        List<Reading> rs = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            rs.add(new Reading(IntNode.valueOf(i), "UTC", "temperature", IntNode.valueOf(20), "°C", i));
        }
        chain.add(new Segment(new TopicPartition("readings", 0), offset++, 0, rs));
    }

    /** A transaction put in flight when the committed height was {@code height}. */
    private void sentAt(long height) {
        chain.flights.addLast(new AssetChain.Flight(chain.create, List.of(), chain.head, BroadcastTurn.passed(), 0));
        chain.sentAtHeight = height;
    }

    private static final long MS = 1_000_000;

    /** Height 8 seen at 10 s, 3 s after height 7. */
    private static final BlockClock AT_8 = new BlockClock(7, 7_000 * MS, 0).seen(8, 10_000 * MS);

    @Test
    void nothingWaitingSendsNothing() {
        assertFalse(policy.transferDue(chain, AT_8, 20_000 * MS));
    }

    @Test
    void withNothingInFlightReadingsGoAtOnce() {
        arrive(1);
        assertTrue(policy.transferDue(chain, BlockClock.NONE, 0), "before any height is known");
        chain.sentAtHeight = 8;
        assertTrue(policy.transferDue(chain, AT_8, 10_000 * MS), "in the block its last transaction made");
    }

    @Test
    void withOneInFlightTheNextGoesOncePerBlockAsLateAsStillMakesTheNextBlock() {
        sentAt(7);
        arrive(10);
        // the last block interval (3 s) less the lead (0.7 s) after height 8 was seen
        assertFalse(policy.transferDue(chain, AT_8, 10_000 * MS), "readings arriving until then go with it");
        assertFalse(policy.transferDue(chain, AT_8, 12_299 * MS));
        assertTrue(policy.transferDue(chain, AT_8, 12_300 * MS));
        sentAt(8);
        assertFalse(policy.transferDue(chain, AT_8, 20_000 * MS), "it would share a block with the one just sent");
    }

    @Test
    void whileThePaceIsUnknownTheNextGoesWhenTheHeightMoves() {
        sentAt(6);
        arrive(10);
        BlockClock first = BlockClock.NONE.seen(7, 5_000 * MS);
        assertTrue(policy.transferDue(chain, first, 5_000 * MS));
        sentAt(7);
        assertFalse(policy.transferDue(chain, first, 9_000 * MS));
    }

    @Test
    void aFullBatchGoesAtOnce() {
        sentAt(8);
        arrive(BATCH);
        assertTrue(policy.transferDue(chain, AT_8, 10_000 * MS));
    }

    @Test
    void thePipelineDepthBoundsWhatIsInFlight() {
        for (int i = 0; i < DEPTH; i++) {
            sentAt(7);
        }
        arrive(BATCH);
        assertFalse(policy.transferDue(chain, AT_8, 20_000 * MS));
    }
}
