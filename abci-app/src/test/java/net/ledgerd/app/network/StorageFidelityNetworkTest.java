package net.ledgerd.app.network;

import static net.ledgerd.app.api.OddValueCalls.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.ledgerd.app.store.OddValues;
import net.ledgerd.tx.build.SignedTransaction;
import org.junit.jupiter.api.Test;

/**
 * The odd values of {@link OddValues} through the four-member network ({@link LocalNetwork}): each is
 * committed by every member and served back value-exact by every member's HTTP API, and the four
 * databases agree on blocks and app hash afterwards.
 */
class StorageFidelityNetworkTest {
    @Test
    void everyMemberCommitsAndServesEveryOddValue() throws Exception {
        try (LocalNetwork net = LocalNetwork.start(Set.of(), false)) {
            List<Map.Entry<String, SignedTransaction>> sent = new ArrayList<>();
            int n = 0;
            for (var odd : OddValues.all().entrySet()) {
                // Spread the posts over the members: each one's CheckTx and broadcast is exercised.
                LocalNetwork.Member entry = net.members.get(n++ % LocalNetwork.SIZE);
                SignedTransaction tx = create(odd.getValue());
                postCommitted(baseUrl(entry), tx);
                sent.add(Map.entry(odd.getKey(), tx));
            }
            net.assertDatabasesAgree(net.awaitConverged(Duration.ofSeconds(120)));
            for (LocalNetwork.Member m : net.members) {
                for (var s : sent) {
                    assertServedExact(
                            "member " + m.index + ": " + s.getKey(),
                            s.getValue(),
                            get(
                                    baseUrl(m),
                                    "/api/v1/transactions/" + s.getValue().id()));
                }
            }
        }
    }

    private static String baseUrl(LocalNetwork.Member m) {
        return "http://127.0.0.1:" + m.httpPort;
    }
}
