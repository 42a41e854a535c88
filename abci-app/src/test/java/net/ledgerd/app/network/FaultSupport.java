package net.ledgerd.app.network;

import net.ledgerd.app.node.TestTransactions;
import net.ledgerd.testkit.TendermintRpc;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Load for fault tests: a thread sending new signed CREATEs round-robin to chosen members with broadcast_tx_sync. */
final class FaultSupport {
    private FaultSupport() {
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static final class Load implements AutoCloseable {
        private final TestTransactions txs = new TestTransactions();
        private volatile List<LocalNetwork.Member> targets;
        private final AtomicBoolean running = new AtomicBoolean(true);
        /** Transactions a member accepted in CheckTx (code 0): each must end up committed. */
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        final AtomicInteger refusedOrFailed = new AtomicInteger();
        private final Thread thread;

        Load(List<LocalNetwork.Member> to, long pauseMillis) {
            targets = List.copyOf(to);
            thread = new Thread(() -> {
                int i = 0;
                while (running.get()) {
                    List<LocalNetwork.Member> now = targets;
                    LocalNetwork.Member m = now.get(i++ % now.size());
                    byte[] tx = txs.create("fault load " + System.nanoTime());
                    try {
                        TendermintRpc.BroadcastResult r = m.rpc().broadcastTxSync(tx);
                        if (r.code() == 0) {
                            accepted.add(TestTransactions.idOf(tx));
                        } else {
                            refusedOrFailed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        refusedOrFailed.incrementAndGet();
                    }
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fault-load");
            thread.setDaemon(true);
            thread.start();
        }

        void retarget(List<LocalNetwork.Member> to) {
            targets = List.copyOf(to);
        }

        int acceptedCount() {
            return accepted.size();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
