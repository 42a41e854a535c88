package net.ledgerd.ingestor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.List;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecordedChainTest {
    private static final TopicPartition TP = new TopicPartition("readings", 0);
    private final ReadingTransactions txs = new ReadingTransactions(Ed25519KeyPair.fromSeed(new byte[32]));
    private final SignedTransaction create = txs.create(new AssetKey("dev-1", "temperature", "°C"));
    private final SignedTransaction first = next(create, 1);
    private final SignedTransaction second = next(first, 2);
    private final SignedTransaction third = next(second, 3);

    private SignedTransaction next(SignedTransaction parent, long offset) {
        Segment s = new Segment(
                TP,
                offset,
                0,
                List.of(new Reading(
                        LongNode.valueOf(1000), "UTC", "temperature", DoubleNode.valueOf(offset), "°C", 0)));
        return txs.transfer(
                new ChainHead(
                        parent.transaction(),
                        Coverage.fromMetadata(parent.transaction().metadata())),
                List.of(s));
    }

    private static List<String> ids(List<JsonNode> chain) {
        return chain.stream().map(tx -> tx.path("id").asText()).toList();
    }

    @Test
    void aHistoryInAnyOrderIsFollowedFromTheCreate() throws Exception {
        List<JsonNode> chain =
                RecordedChain.transfers(create.id(), List.of(third.json(), create.json(), first.json(), second.json()));
        assertEquals(List.of(first.id(), second.id(), third.id()), ids(chain));
        assertEquals(
                2,
                ReadingTransactions.recorded(chain.get(1).path("metadata"))
                        .get(0)
                        .offset());
    }

    @Test
    void twoTransactionsSpendingOneOutputAreASecondCopy() {
        SignedTransaction rival = next(first, 7);
        var e = assertThrows(
                RecordedChain.BrokenChainException.class,
                () -> RecordedChain.transfers(
                        create.id(), List.of(create.json(), first.json(), second.json(), rival.json())));
        assertTrue(e.getMessage().contains("both spend " + first.id()), e.getMessage());
    }

    @Test
    void aTransactionOffTheChainIsReported() {
        var e = assertThrows(
                RecordedChain.BrokenChainException.class,
                () -> RecordedChain.transfers(create.id(), List.of(create.json(), first.json(), third.json())));
        assertTrue(e.getMessage().contains("3 transactions, 2 of them on its chain"), e.getMessage());
    }

    @Test
    void aHistoryWithoutItsCreateIsReported() {
        var e = assertThrows(
                RecordedChain.BrokenChainException.class,
                () -> RecordedChain.transfers(create.id(), List.of(first.json(), second.json())));
        assertTrue(e.getMessage().contains("0 CREATEs"), e.getMessage());
    }

    @Test
    void anEmptyHistoryIsAnEmptyChain() throws Exception {
        assertEquals(List.of(), RecordedChain.transfers(create.id(), List.of()));
    }
}
