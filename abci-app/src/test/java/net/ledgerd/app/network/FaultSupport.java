package net.ledgerd.app.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.ledgerd.app.node.TestTransactions;
import net.ledgerd.testkit.TendermintRpc;

/** Load for fault tests: a thread sending new signed CREATEs round-robin to chosen members with broadcast_tx_sync. */
final class FaultSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultSupport() {}

    /**
     * What the members' consensus and the in-process apps' ABCI threads are doing, for a failure
     * message: a stalled network is otherwise unexplainable once the test has torn it down.
     */
    static String diagnosis(LocalNetwork net) {
        StringBuilder out = new StringBuilder();
        for (LocalNetwork.Member m : net.members) {
            out.append("member ").append(m.index).append(": ");
            try {
                String step = m.rpc()
                        .call("consensus_state", JSON.createObjectNode())
                        .path("round_state")
                        .path("height/round/step")
                        .asText();
                out.append("consensus ")
                        .append(step)
                        .append(", unconfirmed txs ")
                        .append(m.rpc().numUnconfirmedTxs().path("n_txs").asText());
            } catch (java.io.IOException | RuntimeException e) {
                out.append("RPC failed: ").append(e);
            }
            out.append('\n');
        }
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            if (t.getThreadName().startsWith("abci-conn") || t.getThreadName().startsWith("fault-load")) {
                out.append(t.getThreadName())
                        .append(' ')
                        .append(t.getThreadState())
                        .append(t.getLockName() == null ? "" : " on " + t.getLockName())
                        .append('\n');
                StackTraceElement[] stack = t.getStackTrace();
                for (int i = 0; i < Math.min(stack.length, 30); i++) {
                    out.append("    at ").append(stack[i]).append('\n');
                }
            }
        }
        String goroutines = net.mongo.goroutineDump();
        out.append("database server goroutines:\n")
                .append(goroutines, 0, Math.min(goroutines.length(), 12_000))
                .append('\n');
        return out.toString();
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
        /**
         * Bounds each broadcast: two CI runs saw one call hang for the RPC client's full 60 s, which with
         * create_empty_blocks=false stopped all blocks for that long (nothing new in the mempool). A call that
         * times out counts as refused; a node that really stops answering still fails the test, which needs
         * accepted transactions and new blocks.
         */
        private static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofSeconds(10);

        private final TestTransactions txs = new TestTransactions();
        private volatile List<LocalNetwork.Member> targets;
        private final AtomicBoolean running = new AtomicBoolean(true);
        /** Transactions a member accepted in CheckTx (code 0): each must end up committed. */
        final Set<String> accepted = ConcurrentHashMap.newKeySet();

        final AtomicInteger refusedOrFailed = new AtomicInteger();
        private final Thread thread;

        Load(List<LocalNetwork.Member> to, long pauseMillis) {
            targets = List.copyOf(to);
            thread = new Thread(
                    () -> {
                        int i = 0;
                        while (running.get()) {
                            List<LocalNetwork.Member> now = targets;
                            LocalNetwork.Member m = now.get(i++ % now.size());
                            byte[] tx = txs.create("fault load " + System.nanoTime());
                            try {
                                TendermintRpc.BroadcastResult r =
                                        m.rpc(CALL_TIMEOUT).broadcastTxSync(tx);
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
                    },
                    "fault-load");
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
