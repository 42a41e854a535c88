package net.ledgerd.network.node;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A `tendermint node` process on a home we made, and the RPC calls the tests need. */
final class RunningNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final URI rpc;

    private RunningNode(String name, Process process, Path log, URI rpc) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.rpc = rpc;
    }

    static RunningNode start(String name, Path home, int rpcPort) throws IOException {
        Path logDir = Paths.get("target", "test-processes").toAbsolutePath();
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        Process p = new ProcessBuilder(List.of(TendermintBinary.path().toString(), "node", "--home", home.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new RunningNode(name, p, log, URI.create("http://127.0.0.1:" + rpcPort));
    }

    JsonNode call(String method, String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(rpc + "/" + method + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(15))
                .GET()
                .build();
        JsonNode body = JSON.readTree(
                HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        if (body.has("error") && !body.get("error").isNull()) {
            throw new IOException(method + ": " + body.get("error"));
        }
        return body.get("result");
    }

    long height() throws IOException, InterruptedException {
        return call("status", "").at("/sync_info/latest_block_height").asLong();
    }

    int peers() throws IOException, InterruptedException {
        return call("net_info", "").get("n_peers").asInt();
    }

    JsonNode broadcastTxCommit(String tx) throws IOException, InterruptedException {
        return call("broadcast_tx_commit", "tx=" + URLEncoder.encode("\"" + tx + "\"", StandardCharsets.UTF_8));
    }

    JsonNode query(String data) throws IOException, InterruptedException {
        return call("abci_query", "data=" + URLEncoder.encode("\"" + data + "\"", StandardCharsets.UTF_8));
    }

    /** Polls a condition on this node until it holds; fails with the node's log tail when it does not in time. */
    <T> T await(String what, Duration timeout, Probe<T> probe, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        Exception lastError = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail(name + " exited with " + process.exitValue() + " while waiting for " + what + "; log:\n" + tail());
            }
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                lastError = e;
            }
            Thread.sleep(200);
        }
        fail(name + ": no " + what + " after " + timeout + " (last " + last + ", " + lastError + "); log:\n" + tail());
        return null;
    }

    interface Probe<T> {
        T get() throws IOException, InterruptedException;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
