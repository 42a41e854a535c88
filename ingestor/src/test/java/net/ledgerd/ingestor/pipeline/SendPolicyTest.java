package net.ledgerd.ingestor.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
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

/** About one TRANSFER per asset and block, sent when the committed height moves: when an asset's next one goes. */
class SendPolicyTest {
    private static final ReadingTransactions TXS = new ReadingTransactions(Ed25519KeyPair.fromSeed(new byte[32]));
    private static final int DEPTH = 4;
    private static final int BATCH = 100;

    private final SendPolicy policy = new SendPolicy(DEPTH, BATCH);
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

    @Test
    void nothingWaitingSendsNothing() {
        assertFalse(policy.transferDue(chain, 8));
    }

    @Test
    void withNothingInFlightReadingsGoAtOnce() {
        arrive(1);
        assertTrue(policy.transferDue(chain, -1), "before any height is known");
        chain.sentAtHeight = 8;
        assertTrue(policy.transferDue(chain, 8), "in the block its last transaction made");
    }

    @Test
    void withOneInFlightTheNextGoesOncePerCommittedHeight() {
        sentAt(7);
        arrive(10);
        assertFalse(policy.transferDue(chain, 7), "readings arriving until the height moves go with it");
        assertTrue(policy.transferDue(chain, 8));
        sentAt(8);
        arrive(10);
        assertFalse(policy.transferDue(chain, 8), "it would share a block with the one just sent");
        assertTrue(policy.transferDue(chain, 10), "heights the feed did not see one by one count once");
    }

    @Test
    void aFullBatchGoesAtOnce() {
        sentAt(8);
        arrive(BATCH);
        assertTrue(policy.transferDue(chain, 8));
    }

    @Test
    void thePipelineDepthBoundsWhatIsInFlight() {
        for (int i = 0; i < DEPTH; i++) {
            sentAt(7);
        }
        arrive(BATCH);
        assertFalse(policy.transferDue(chain, 20));
    }
}
