package net.ledgerd.ingestor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingTransactionsTest {
    private static final Ed25519KeyPair OWNER = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final TopicPartition TP = new TopicPartition("readings", 2);

    private static Segment segment(long offset, double... values) {
        List<Reading> rs = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rs.add(new Reading(
                    LongNode.valueOf(1000 + i), "UTC", "temperature", DoubleNode.valueOf(values[i]), "°C", i));
        }
        return new Segment(TP, offset, 0, rs);
    }

    @Test
    void theSameReadingsOnTheSameHeadGiveTheSameTransaction() throws Exception {
        AssetKey key = new AssetKey("dev-1", "temperature", "°C");
        SignedTransaction create = new ReadingTransactions(OWNER).create(key);
        assertEquals(create.id(), new ReadingTransactions(OWNER).create(key).id());
        ChainHead head = new ChainHead(create.transaction(), Coverage.none());
        SignedTransaction a = new ReadingTransactions(OWNER).transfer(head, List.of(segment(7, 21.5, 21.6)));
        SignedTransaction b = new ReadingTransactions(OWNER).transfer(head, List.of(segment(7, 21.5, 21.6)));
        assertEquals(a.id(), b.id());
        assertEquals(a.text(), b.text());
        assertNotEquals(
                a.id(),
                new ReadingTransactions(OWNER)
                        .transfer(head, List.of(segment(7, 21.5)))
                        .id());
        Transactions.parse(a.bytes());
    }

    @Test
    void theEstimateBoundsTheBytesASegmentAdds() {
        ReadingTransactions txs = new ReadingTransactions(OWNER);
        ChainHead head = new ChainHead(
                txs.create(new AssetKey("dev-1", "temperature", "°C")).transaction(), Coverage.none());
        List<Reading> extreme = List.of(
                new Reading(LongNode.valueOf(Long.MIN_VALUE), "UTC", "t", DoubleNode.valueOf(-Double.MAX_VALUE), "", 0),
                new Reading(LongNode.valueOf(1), "Europe/Berlin", "t", DoubleNode.valueOf(Double.MIN_NORMAL), "", 1),
                new Reading(
                        TextNode.valueOf("2026-12-02T10:00:00.123+01:00"), "UTC", "t", TextNode.valueOf("on"), "", 2),
                new Reading(LongNode.valueOf(-7), "UTC", "t", BooleanNode.FALSE, "", 999),
                new Reading(LongNode.valueOf(8), "Z\"\\", "t", TextNode.valueOf("q\"b\\s\u0001é\uD834\uDD1E"), "", 5));
        Segment one = segment(1, 0);
        Segment big = new Segment(TP, 1_000_000_000L, 0, extreme);
        int base = txs.transfer(head, List.of(one)).bytes().length;
        int added = txs.transfer(head, List.of(one, big)).bytes().length - base;
        assertTrue(added <= ReadingTransactions.estimatedBytes(big), added + " > estimate");
        assertTrue(ReadingTransactions.estimatedBytes(big) < 3 * added, "the estimate stays close");
    }

    @Test
    void aTransferCarriesItsCoverageForward() throws Exception {
        AssetKey key = new AssetKey("dev-1", "temperature", "°C");
        ReadingTransactions txs = new ReadingTransactions(OWNER);
        SignedTransaction create = txs.create(key);
        SignedTransaction t1 = txs.transfer(
                new ChainHead(create.transaction(), Coverage.none()), List.of(segment(3, 1), segment(5, 2)));
        Coverage c1 = Coverage.fromMetadata(t1.transaction().metadata());
        assertTrue(c1.covers(TP, 5));
        assertTrue(c1.covers(TP, 3));
        assertFalse(c1.covers(TP, 6));
        assertFalse(c1.covers(new TopicPartition("readings", 1), 0));
        SignedTransaction t2 = txs.transfer(new ChainHead(t1.transaction(), c1), List.of(segment(9, 3)));
        assertTrue(Coverage.fromMetadata(t2.transaction().metadata()).covers(TP, 9));
        assertEquals(t1.id(), t2.transaction().inputs().get(0).fulfills().transactionId());
        assertEquals(create.id(), t2.transaction().assetId());
        assertEquals(
                3,
                ReadingTransactions.recorded(t2.transaction().metadata())
                        .get(0)
                        .v()
                        .asInt());
    }

    @Test
    void readingsAreRecordedAsTextInColumnsAndReadBackInOrder() throws Exception {
        ReadingTransactions txs = new ReadingTransactions(OWNER);
        SignedTransaction create = txs.create(new AssetKey("dev-1", "temperature", "°C"));
        Segment other = new Segment(
                new TopicPartition("readings", 0),
                4,
                0,
                List.of(new Reading(
                        LongNode.valueOf(5), "Europe/Paris", "temperature", DoubleNode.valueOf(9.5), "°C", 3)));
        SignedTransaction t = txs.transfer(
                new ChainHead(create.transaction(), Coverage.none()), List.of(segment(3, 1.5, 2.5), other));
        var m = t.transaction().metadata();
        // Timestamps as differences from the one before, the first as it is; zones per reading as they differ.
        assertEquals(
                "{\"dt\":[1000,1,-996],\"tz\":[\"UTC\",\"UTC\",\"Europe/Paris\"],\"v\":[1.5,2.5,9.5],\"i\":[0,1,3]}",
                m.path("readings").textValue());
        assertEquals(
                "{\"topic\":\"readings\",\"partition\":[2,0],\"offset\":[3,4],\"count\":[2,1]}",
                m.path("messages").textValue());
        List<ReadingTransactions.Recorded> back = ReadingTransactions.recorded(m);
        ReadingTransactions.Recorded last = back.get(2);
        assertEquals(
                List.of("readings", 0, 4L, 3, "5", "Europe/Paris", "9.5"),
                List.of(
                        last.topic(),
                        last.partition(),
                        last.offset(),
                        last.index(),
                        last.t().toString(),
                        last.tz(),
                        last.v().toString()));
        assertEquals(2, back.get(1).partition());
        assertEquals(1, back.get(1).index());
        SignedTransaction sameZone =
                txs.transfer(new ChainHead(create.transaction(), Coverage.none()), List.of(segment(3, 1.5, 2.5)));
        assertEquals(
                "{\"dt\":[1000,1],\"tz\":\"UTC\",\"v\":[1.5,2.5],\"i\":[0,1]}",
                sameZone.transaction().metadata().path("readings").textValue());
        assertEquals(
                "UTC",
                ReadingTransactions.recorded(sameZone.transaction().metadata())
                        .get(1)
                        .tz());
    }

    @Test
    void timestampsThatAreNotAllIntegersAreKeptAsSent() throws Exception {
        ReadingTransactions txs = new ReadingTransactions(OWNER);
        SignedTransaction create = txs.create(new AssetKey("dev-1", "temperature", "°C"));
        Segment iso = new Segment(
                TP,
                8,
                0,
                List.of(
                        new Reading(TextNode.valueOf("2026-12-02T10:00:00Z"), "UTC", "k", LongNode.valueOf(3), "", 0),
                        new Reading(LongNode.valueOf(1_796_000_000_000L), "UTC", "k", TextNode.valueOf("on"), "", 1)));
        var m = txs.transfer(new ChainHead(create.transaction(), Coverage.none()), List.of(iso))
                .transaction()
                .metadata();
        assertEquals(
                "{\"t\":[\"2026-12-02T10:00:00Z\",1796000000000],\"tz\":\"UTC\",\"v\":[3,\"on\"],\"i\":[0,1]}",
                m.path("readings").textValue());
        List<ReadingTransactions.Recorded> back = ReadingTransactions.recorded(m);
        assertEquals("\"2026-12-02T10:00:00Z\"", back.get(0).t().toString());
        assertEquals("1796000000000", back.get(1).t().toString());
        assertEquals("\"on\"", back.get(1).v().toString());
    }

    @Test
    void theEarlierJsonColumnsAreStillRead() throws Exception {
        var m = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"readings\":{\"t\":[7,9],\"tz\":\"UTC\",\"v\":[1.5,2],\"i\":[0,2]},"
                        + "\"messages\":{\"topic\":\"r\",\"partition\":[1],\"offset\":[40],\"count\":[2]},"
                        + "\"covered\":[{\"topic\":\"r\",\"partition\":1,\"offset\":40}]}");
        List<ReadingTransactions.Recorded> back = ReadingTransactions.recorded(m);
        assertEquals(2, back.size());
        assertEquals(
                List.of("r", 1, 40L, 2, "9", "UTC", "2"),
                List.of(
                        back.get(1).topic(),
                        back.get(1).partition(),
                        back.get(1).offset(),
                        back.get(1).index(),
                        back.get(1).t().toString(),
                        back.get(1).tz(),
                        back.get(1).v().toString()));
    }

    @Test
    void metadataWhoseTextIsNotJsonIsNamed() {
        var m = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("readings", "{\"dt\":[1,")
                .put("messages", "{}");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ReadingTransactions.recorded(m));
        assertTrue(e.getMessage().startsWith("metadata.readings is not JSON text"), e.getMessage());
    }

    @Test
    void aKeyFileOthersCanReadIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("owner.key");
        Ed25519KeyPair k = OwnerKey.generate(file);
        assertEquals(k.publicKeyBase58(), OwnerKey.load(file).publicKeyBase58());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerKey.KeyFileException e = assertThrows(OwnerKey.KeyFileException.class, () -> OwnerKey.load(file));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }
}
