package net.ledgerd.bench.send;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import net.ledgerd.bench.workload.Workload;
import org.junit.jupiter.api.Test;

class TransportTest {
    private final Transport rpc =
            Transport.of(Transport.Via.RPC_SYNC, List.of(URI.create("http://127.0.0.1:1")), Duration.ofSeconds(1));

    @Test
    void tendermintAnswersAreReadAsTendermint031WritesThem() {
        assertTrue(rpc.outcome(
                        200,
                        "{\"jsonrpc\":\"2.0\",\"id\":\"\",\"result\":{\"code\":0,\"data\":\"\",\"log\":\"\",\"hash\":\"AB\"}}")
                .accepted());
        Transport.Outcome full = rpc.outcome(
                500,
                "{\"jsonrpc\":\"2.0\",\"id\":\"\",\"error\":{\"code\":-32603,\"message\":\"Internal error\","
                        + "\"data\":\"Mempool is full: number of txs 5000 (max: 5000), total txs bytes 4 (max: 9)\"}}");
        assertFalse(full.accepted());
        assertTrue(full.retryable(), "a full mempool is worth another send");
        Transport.Outcome cached = rpc.outcome(
                500,
                "{\"jsonrpc\":\"2.0\",\"id\":\"\",\"error\":{\"code\":-32603,\"message\":\"Internal error\","
                        + "\"data\":\"Tx already exists in cache\"}}");
        assertFalse(cached.accepted());
        assertFalse(cached.retryable());
        assertTrue(cached.alreadyThere(), "after a send that timed out, this means the first one arrived");
        Transport.Outcome invalid = rpc.outcome(
                200,
                "{\"jsonrpc\":\"2.0\",\"id\":\"\",\"result\":{\"code\":1,\"data\":\"\",\"log\":\"bad\",\"hash\":\"AB\"}}");
        assertFalse(invalid.accepted());
        assertFalse(invalid.retryable());
        assertTrue(rpc.outcome(502, "<html>").retryable());
    }

    @Test
    void theSenderReusesOneConnectionPerMemberAndReadsTheSinksAnswers() throws Exception {
        try (SinkServer sink = new SinkServer()) {
            Workload w = Workload.generate(3, 0, 1);
            for (Transport.Via via : Transport.Via.values()) {
                Transport t = Transport.of(via, List.of(sink.uri(), sink.uri()), Duration.ofSeconds(5));
                for (int i = 0; i < 3; i++) {
                    assertTrue(t.send(w.get(i), i % 2).accepted(), via.label);
                }
            }
        }
    }

    @Test
    void aMemberThatIsDownIsARetryableRefusalNotAnException() {
        Transport.Outcome o = rpc.send(Workload.generate(1, 0, 1).get(0), 0);
        assertFalse(o.accepted());
        assertTrue(o.retryable());
        assertTrue(o.reason().contains("127.0.0.1:1"), o.reason());
    }
}
