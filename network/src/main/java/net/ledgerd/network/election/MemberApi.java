package net.ledgerd.network.election;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.json.Json;

/**
 * A member's HTTP API v1 (ours or BigchainDB 2.2.2's), as the election commands use it: read transactions, outputs and
 * the validator set, post a transaction with {@code mode=commit}. Every call is bounded; a member that does not answer
 * is an {@link OperatorError} naming the address.
 */
public final class MemberApi {
    /** Long enough for Tendermint's broadcast_tx_commit (10 s by default) plus the app's own answer. */
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient client;

    public MemberApi(String url) {
        this.base = baseUri(url);
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public URI base() {
        return base;
    }

    /** The committed transaction with this id, or empty when the member does not know it. */
    public Optional<JsonNode> transaction(String id) {
        Answer a = get("api/v1/transactions/" + id);
        if (a.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(a.expectOk("GET /api/v1/transactions/" + id));
    }

    /** {@code GET /api/v1/validators}: the current validator set. */
    public JsonNode validators() {
        return get("api/v1/validators").expectOk("GET /api/v1/validators");
    }

    /** {@code GET /api/v1/outputs?public_key=KEY}: links {transaction_id, output_index} to outputs KEY holds. */
    public JsonNode outputs(String publicKeyBase58) {
        return get("api/v1/outputs?public_key=" + publicKeyBase58).expectOk("GET /api/v1/outputs");
    }

    /**
     * Posts a transaction with {@code mode=commit}: returns once it is in a block; a refusal is an {@link
     * OperatorError} with the member's reason.
     */
    public void postCommit(JsonNode transaction) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/transactions?mode=commit"))
                .timeout(COMMIT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(transaction)))
                .build();
        Answer a = send(request);
        if (a.status() == 202) {
            return;
        }
        String message =
                a.body().path("message").isTextual() ? a.body().path("message").asText() : a.text();
        throw new OperatorError(
                "the member at " + base + " refused the transaction (HTTP " + a.status() + "): " + message);
    }

    private Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(READ_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build());
    }

    private Answer send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new OperatorError(
                    "the member at " + base + " did not answer " + request.method() + " "
                            + request.uri().getPath() + " within "
                            + request.timeout().orElseThrow().toSeconds() + " s",
                    e);
        } catch (ConnectException e) {
            throw new OperatorError(
                    "the member's HTTP API at " + base
                            + " is not reachable (is its app running? pass its address with --api)",
                    e);
        } catch (IOException e) {
            throw new OperatorError("talking to the member at " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorError("interrupted while waiting for the member at " + base, e);
        }
        JsonNode body;
        try {
            body = response.body().isBlank()
                    ? Json.object()
                    : Json.parse(response.body(), request.uri().toString());
        } catch (OperatorError notJson) {
            // a proxy's HTML error page, say: the caller reports the raw text instead
            body = Json.object();
        }
        return new Answer(response.statusCode(), response.body(), body);
    }

    private record Answer(int status, String text, JsonNode body) {
        JsonNode expectOk(String what) {
            if (status != 200) {
                throw new OperatorError(what + " answered HTTP " + status + ": " + text);
            }
            return body;
        }
    }

    private static URI baseUri(String url) {
        URI uri;
        try {
            uri = new URI(url.endsWith("/") ? url : url + "/");
        } catch (URISyntaxException e) {
            throw new OperatorError("--api '" + url + "' is not a URL such as http://127.0.0.1:9984", e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new OperatorError("--api '" + url + "' must be http://HOST:PORT (the member's HTTP API, port 9984)");
        }
        return uri;
    }
}
