package net.ledgerd.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A real Tendermint 0.31.5 node with its built-in kvstore app commits, answers queries and survives restarts. */
class TendermintNodeTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void commitsQueriesAndResumesAfterStopAndKill() throws Exception {
        var home = new java.util.concurrent.atomic.AtomicReference<java.nio.file.Path>();
        try (TendermintNode node = TendermintNode.builder()
                .proxyApp("kvstore")
                .name("tm-kvstore")
                .init()
                .start()) {
            home.set(node.home());
            TendermintRpc rpc = node.rpc();
            TendermintRpc.Status first = rpc.status();
            assertEquals("0.31.5", first.version());
            assertFalse(first.nodeId().isEmpty());
            assertEquals(first.nodeId(), node.nodeId());

            TendermintRpc.CommitResult committed = rpc.broadcastTxCommit(utf8("name=satoshi"));
            assertTrue(committed.checkTx().isOk(), committed.toString());
            assertTrue(committed.deliverTx().isOk(), committed.toString());
            assertTrue(committed.height() >= 1);
            assertEquals(64, committed.hash().length());

            TendermintRpc.Block block = rpc.blockAt(committed.height());
            assertEquals(committed.height(), block.height());
            assertArrayEquals(utf8("name=satoshi"), block.txs().get(0));

            node.awaitHeight(committed.height() + 1, Duration.ofSeconds(10)); // the block carrying the new app hash
            TendermintRpc.QueryResult query = rpc.query("", utf8("name"));
            assertEquals(
                    "c2F0b3NoaQ==",
                    rpc.abciQuery("", "6e616d65").path("value").asText(),
                    "raw response: value in base64");
            assertEquals("satoshi", new String(query.value(), StandardCharsets.UTF_8));
            TendermintRpc.AbciInfo info = rpc.abciInfo();
            assertEquals(
                    "{\"size\":1}", info.data(), info.toString()); // the kvstore app reports its size, not its height
            assertEquals(1, info.appVersion());

            TendermintRpc.BroadcastResult sync = rpc.broadcastTxSync(utf8("k2=v2"));
            assertEquals(0, sync.code());
            TendermintRpc.BroadcastResult async = rpc.broadcastTxAsync(utf8("k3=v3"));
            assertEquals(0, async.code());
            assertTrue(rpc.unconfirmedTxCount() >= 0);
            long before = node.awaitHeight(committed.height() + 2, Duration.ofSeconds(10))
                    .latestBlockHeight();

            node.restart();
            TendermintRpc.CommitResult afterRestart = rpc.broadcastTxCommit(utf8("k4=v4"));
            assertTrue(afterRestart.deliverTx().isOk(), afterRestart.toString());
            assertTrue(afterRestart.height() > before, "a block after the clean restart: " + afterRestart);

            node.kill();
            assertFalse(node.isRunning());
            node.start();
            TendermintRpc.Status recovered = node.awaitHeight(afterRestart.height(), Duration.ofSeconds(20));
            TendermintRpc.CommitResult afterKill = rpc.broadcastTxCommit(utf8("k5=v5"));
            assertTrue(
                    afterKill.height() > afterRestart.height(),
                    "a block after SIGKILL: " + afterKill + ", " + recovered);
            assertTrue(Files.size(node.log()) > 0);
        }
        assertFalse(Files.exists(home.get()), "close() deletes the temporary home");
    }

    @Test
    void refusesToInitWithoutAnApp() {
        assertThrows(IllegalStateException.class, () -> TendermintNode.builder().init());
    }
}
