package net.ledgerd.app.compat;

import java.time.Duration;
import net.ledgerd.proto.abci.Request;
import net.ledgerd.proto.abci.Response;

/**
 * One application under test as Tendermint sees it: a consensus and a mempool connection to its
 * ABCI server, reopened after the server drops one (BigchainDB's handler dies on some inputs and
 * closes that connection; its other connections and its state live on).
 */
final class AbciPeer implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    final String name;
    private final String host;
    private final int port;
    private AbciClient consensus;
    private AbciClient mempool;
    private long busyNanos;

    AbciPeer(String name, String host, int port) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.consensus = AbciClient.connect(name + "/consensus", host, port, TIMEOUT);
        this.mempool = AbciClient.connect(name + "/mempool", host, port, TIMEOUT);
    }

    Response consensus(Request request) {
        long start = System.nanoTime();
        try {
            return consensus.call(request);
        } catch (AbciClient.AbciConnectionLost e) {
            consensus.close();
            consensus = AbciClient.connect(name + "/consensus", host, port, TIMEOUT);
            throw e;
        } finally {
            busyNanos += System.nanoTime() - start;
        }
    }

    Response mempool(Request request) {
        long start = System.nanoTime();
        try {
            return mempool.call(request);
        } catch (AbciClient.AbciConnectionLost e) {
            mempool.close();
            mempool = AbciClient.connect(name + "/mempool", host, port, TIMEOUT);
            throw e;
        } finally {
            busyNanos += System.nanoTime() - start;
        }
    }

    /** Seconds spent waiting for this application's answers. */
    double busySeconds() {
        return busyNanos / 1e9;
    }

    @Override
    public void close() {
        consensus.close();
        mempool.close();
    }
}
