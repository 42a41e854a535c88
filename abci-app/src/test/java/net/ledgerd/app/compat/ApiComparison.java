package net.ledgerd.app.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the same HTTP API v1 routes from BigchainDB and from ours after the corpus is committed and
 * compares status and body (key order ignored, number spellings compared; lists whose order
 * BigchainDB leaves to its database compared as sets): each committed transaction, its blocks,
 * its asset's history, every owner's outputs (all, unspent, spent), every block, and text search.
 */
final class ApiComparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    // above gunicorn's 30 s worker timeout, so a hung BigchainDB worker is seen as killed
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String[] SEARCHES = {"divisible", "serial", "b0", "PY-1"};

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String oursBase;
    private final String referenceBase;
    private final List<Check> checks = new ArrayList<>();

    ApiComparison(String oursBase, String referenceBase) {
        this.oursBase = oursBase;
        this.referenceBase = referenceBase;
    }

    /**
     * Reads the routes for at most {@code perFamily} committed items of each family and batch (every
     * read of BigchainDB on FerretDB is a table scan, ~0.1–1 s), every block with transactions, and
     * the searches.
     */
    List<Check> compare(Lockstep lockstep, int perFamily) {
        Set<String> owners = new LinkedHashSet<>();
        Map<String, Integer> taken = new HashMap<>();
        for (Lockstep.ItemResult r : lockstep.results().values()) {
            boolean committed = r.deliverReference.code() == 0 || r.deliverOurs.code() == 0;
            String id = r.item.id();
            if (!committed || id == null) {
                continue;
            }
            if (taken.merge("b" + r.item.batch() + "/" + r.item.family(), 1, Integer::sum) > perFamily) {
                continue;
            }
            Corpus.Item item = r.item;
            String tid = encode(id);
            get(item, "api:/transactions/{id}", "/api/v1/transactions/" + tid, false);
            get(item, "api:/blocks?transaction_id", "/api/v1/blocks?transaction_id=" + tid, true);
            JsonNode tx = parse(item.raw());
            if ("CREATE".equals(tx.path("operation").asText())) {
                get(item, "api:/transactions?asset_id", "/api/v1/transactions?asset_id=" + tid, true);
            }
            for (JsonNode out : tx.path("outputs")) {
                for (JsonNode key : out.path("public_keys")) {
                    if (key.isTextual() && owners.add(key.asText())) {
                        String k = encode(key.asText());
                        get(item, "api:/outputs?public_key", "/api/v1/outputs?public_key=" + k, true);
                        get(item, "api:/outputs?spent=false", "/api/v1/outputs?spent=false&public_key=" + k, true);
                        get(item, "api:/outputs?spent=true", "/api/v1/outputs?spent=true&public_key=" + k, true);
                    }
                }
            }
        }
        for (Lockstep.Block b : lockstep.blocks()) {
            if (b.idsOurs().isEmpty() && b.idsReference().isEmpty()) {
                continue;
            }
            Corpus.Item pseudo = new Corpus.Item(0, "blocks", "height " + b.height(), "", "", null, false);
            get(pseudo, "api:/blocks/{height}", "/api/v1/blocks/" + b.height(), false);
        }
        for (String word : SEARCHES) {
            Corpus.Item pseudo = new Corpus.Item(0, "search", word, "", "", null, false);
            get(pseudo, "api:/assets?search", "/api/v1/assets?search=" + encode(word), true);
            get(pseudo, "api:/metadata?search", "/api/v1/metadata?search=" + encode(word), true);
        }
        return checks;
    }

    private void get(Corpus.Item item, String aspect, String path, boolean asSet) {
        Answer ours = fetch(oursBase + path);
        Answer theirs = fetch(referenceBase + path);
        Object a = asSet ? JsonShape.sortedList(JsonShape.parse(ours.body)) : JsonShape.parse(ours.body);
        Object b = asSet ? JsonShape.sortedList(JsonShape.parse(theirs.body)) : JsonShape.parse(theirs.body);
        String difference = ours.status != theirs.status
                ? "status: ours " + ours.label() + ", BigchainDB " + theirs.label()
                : JsonShape.firstDifference(a, b);
        checks.add(new Check(
                item.family(),
                item.name(),
                aspect,
                ours.label(),
                theirs.label(),
                difference == null ? null : path + " " + difference));
    }

    /** Status 0: no answer (the connection failed or timed out). */
    private record Answer(int status, String body) {
        String label() {
            return status == 0 ? "no answer" : String.valueOf(status);
        }
    }

    private Answer fetch(String url) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            // BigchainDB's worker can hang or die on a transaction it committed but cannot serve
            return new Answer(0, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + url, e);
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
