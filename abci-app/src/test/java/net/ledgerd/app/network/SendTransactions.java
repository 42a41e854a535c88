package net.ledgerd.app.network;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import net.ledgerd.app.node.TestTransactions;

/**
 * Sends signed CREATE transactions to members' BigchainDB HTTP APIs, round-robin, with mode=commit, for trying the
 * local network by hand: {@code java -cp ... net.ledgerd.app.network.SendTransactions COUNT URL...} where URL is
 * http://HOST:9984/api/v1/transactions. Prints each answer's status; exits 1 if one was not accepted.
 */
public final class SendTransactions {
    private SendTransactions() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        TestTransactions txs = new TestTransactions();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            String url = args[1 + i % (args.length - 1)];
            byte[] tx = txs.create("by hand " + i);
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url + "?mode=commit"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(tx))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println(url + " " + TestTransactions.idOf(tx) + " -> " + r.statusCode());
            if (r.statusCode() / 100 != 2) {
                System.out.println("  " + r.body());
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
