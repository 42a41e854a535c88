package net.ledgerd.bench.workload;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.model.Operation;
import net.ledgerd.tx.model.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {
    @Test
    void createsAre765BytesAndTransfersSpendThem() throws Exception {
        Workload w = Workload.generate(40, 10, 7);
        assertEquals(40, w.creates().size());
        assertEquals(10, w.transfers().size());
        Set<String> ids = new HashSet<>();
        for (BenchTx c : w.creates()) {
            assertEquals(765, c.size(), c.text());
            Transaction tx = Transactions.parse(c.json());
            assertEquals(Operation.CREATE, tx.operation());
            assertEquals(c.id(), tx.id());
            assertTrue(ids.add(c.id()));
        }
        for (int j = 0; j < w.transfers().size(); j++) {
            BenchTx t = w.transfers().get(j);
            assertEquals(40 + j, t.index());
            assertSame(t, w.get(t.index()));
            assertEquals(j, t.parent());
            Transaction tx = Transactions.parse(t.json());
            assertEquals(Operation.TRANSFER, tx.operation());
            assertEquals(w.creates().get(j).id(), tx.assetId());
            assertEquals(w.creates().get(j).id(), tx.inputs().get(0).fulfills().transactionId());
            assertEquals(0, tx.inputs().get(0).fulfills().outputIndex());
            assertTrue(ids.add(t.id()));
        }
    }

    @Test
    void twoRunsSignDifferentTransactions() {
        assertNotEquals(
                Workload.generate(1, 0, 1).creates().get(0).id(),
                Workload.generate(1, 0, 1).creates().get(0).id());
    }

    @Test
    void aSavedWorkloadReadsBackAndItsPrefixKeepsTransfersOnTheirCreates(@TempDir Path dir) throws Exception {
        Workload w = Workload.generate(12, 4, 3);
        Path file = dir.resolve("w.bin");
        WorkloadFile.write(file, w);
        Workload back = WorkloadFile.read(file);
        for (int i = 0; i < w.size(); i++) {
            assertEquals(w.get(i).id(), back.get(i).id());
            assertArrayEquals(w.get(i).json(), back.get(i).json());
            assertEquals(w.get(i).kind(), back.get(i).kind());
        }
        Workload prefix = back.prefix(5, 2);
        assertEquals(7, prefix.size());
        assertEquals(w.transfers().get(1).id(), prefix.get(6).id());
        assertEquals(6, prefix.get(6).index());
        assertEquals(1, prefix.get(6).parent());
        Workload rest = back.suffix(2);
        assertEquals(10, rest.creates().size());
        assertEquals(2, rest.transfers().size());
        assertEquals(w.creates().get(2).id(), rest.get(0).id());
        assertEquals(w.transfers().get(2).id(), rest.get(10).id());
        assertEquals(0, rest.get(10).parent(), "the TRANSFER of CREATE 2 spends what is now CREATE 0");
        assertEquals(10, rest.get(10).index());
        Files.writeString(file, "not a workload");
        assertThrows(java.io.IOException.class, () -> WorkloadFile.read(file));
    }
}
