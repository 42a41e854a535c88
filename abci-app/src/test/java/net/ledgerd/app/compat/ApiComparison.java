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
 * its asset's history, every owner's outputs (all, unspent, spent), its block, and text search.
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
    private final Set<String> both = new java.util.HashSet<>();

    ApiComparison(String oursBase, String referenceBase) {
        this.oursBase = oursBase;
        this.referenceBase = referenceBase;
    }

    /** How an answer is compared: as is, or as a list in any order keeping only what both committed. */
    private enum Shape {
        /** One object, compared as it is. */
        OBJECT,
        /** A list of values (block heights), compared in any order. */
        LIST,
        /** A list of objects naming a transaction in "id" (transactions, assets, metadata). */
        BY_ID,
        /** A list of outputs naming their transaction in "transaction_id". */
        BY_TRANSACTION_ID,
        /** A block: its "transactions" filtered by "id". */
        BLOCK
    }

    /**
     * Reads the routes for at most {@code perFamily} items of each family and batch that both
     * committed (every read of BigchainDB on FerretDB is a table scan, ~0.1–1 s), every owner of
     * their outputs, the blocks holding them, and the searches. Transactions that only one
     * side committed are a DeliverTx or Commit difference already; lists are compared over the
     * transactions both committed, so each API difference here is one of the API itself.
     */
    List<Check> compare(Lockstep lockstep, int perFamily) {
        for (Lockstep.ItemResult r : lockstep.results().values()) {
            if (r.committedByBoth()) {
                both.add(r.item.id());
            }
        }
        Set<String> owners = new LinkedHashSet<>();
        Set<Long> heights = new java.util.TreeSet<>();
        Map<String, Integer> taken = new HashMap<>();
        for (Lockstep.ItemResult r : lockstep.results().values()) {
            if (!r.committedByBoth()) {
                continue;
            }
            if (taken.merge("b" + r.item.batch() + "/" + r.item.family(), 1, Integer::sum) > perFamily) {
                if (r.item.family().equals("elections")) {
                    // every election and vote as served: few, and each of another kind
                    get(r.item, "api:/transactions/{id}", "/api/v1/transactions/" + encode(r.item.id()), Shape.OBJECT);
                }
                continue;
            }
            Corpus.Item item = r.item;
            heights.add(r.height);
            String tid = encode(item.id());
            get(item, "api:/transactions/{id}", "/api/v1/transactions/" + tid, Shape.OBJECT);
            get(item, "api:/blocks?transaction_id", "/api/v1/blocks?transaction_id=" + tid, Shape.LIST);
            JsonNode tx = parse(item.raw());
            if (List.of("CREATE", "VALIDATOR_ELECTION", "CHAIN_MIGRATION_ELECTION")
                    .contains(tx.path("operation").asText())) {
                get(item, "api:/transactions?asset_id", "/api/v1/transactions?asset_id=" + tid, Shape.BY_ID);
            }
            for (JsonNode out : tx.path("outputs")) {
                for (JsonNode key : out.path("public_keys")) {
                    if (key.isTextual() && owners.add(key.asText())) {
                        String k = encode(key.asText());
                        get(
                                item,
                                "api:/outputs?public_key",
                                "/api/v1/outputs?public_key=" + k,
                                Shape.BY_TRANSACTION_ID);
                        get(
                                item,
                                "api:/outputs?spent=false",
                                "/api/v1/outputs?spent=false&public_key=" + k,
                                Shape.BY_TRANSACTION_ID);
                        get(
                                item,
                                "api:/outputs?spent=true",
                                "/api/v1/outputs?spent=true&public_key=" + k,
                                Shape.BY_TRANSACTION_ID);
                    }
                }
            }
        }
        for (long height : heights) {
            Corpus.Item pseudo = new Corpus.Item(0, "blocks", "height " + height, "", "", null, false);
            get(pseudo, "api:/blocks/{height}", "/api/v1/blocks/" + height, Shape.BLOCK);
        }
        Corpus.Item validators = new Corpus.Item(0, "validators", "after the last block", "", "", null, false);
        get(validators, "api:/validators", "/api/v1/validators", Shape.OBJECT);
        for (String word : SEARCHES) {
            Corpus.Item pseudo = new Corpus.Item(0, "search", word, "", "", null, false);
            get(pseudo, "api:/assets?search", "/api/v1/assets?search=" + encode(word), Shape.BY_ID);
            get(pseudo, "api:/metadata?search", "/api/v1/metadata?search=" + encode(word), Shape.BY_ID);
        }
        return checks;
    }

    private void get(Corpus.Item item, String aspect, String path, Shape shape) {
        Answer ours = fetch(oursBase + path);
        Answer theirs = fetch(referenceBase + path);
        String difference = ours.status != theirs.status
                ? "status: ours " + ours.label() + ", BigchainDB " + theirs.label()
                : JsonShape.firstDifference(comparable(ours.body, shape), comparable(theirs.body, shape));
        checks.add(new Check(
                item.family(),
                item.name(),
                aspect,
                ours.label(),
                theirs.label(),
                difference == null ? null : path + " " + difference));
    }

    @SuppressWarnings("unchecked")
    private Object comparable(String body, Shape shape) {
        Object tree = JsonShape.parse(body);
        return switch (shape) {
            case OBJECT -> tree;
            case LIST -> JsonShape.sortedList(tree);
            case BY_ID -> JsonShape.sortedList(committedByBoth(tree, "id"));
            case BY_TRANSACTION_ID -> JsonShape.sortedList(committedByBoth(tree, "transaction_id"));
            case BLOCK -> {
                if (tree instanceof Map<?, ?> m && m.get("transactions") != null) {
                    Map<String, Object> copy = new java.util.TreeMap<>((Map<String, Object>) m);
                    copy.put("transactions", committedByBoth(m.get("transactions"), "id"));
                    yield copy;
                }
                yield tree;
            }
        };
    }

    private Object committedByBoth(Object list, String idKey) {
        if (!(list instanceof List<?> l)) {
            return list;
        }
        return l.stream()
                .filter(e -> !(e instanceof Map<?, ?> m) || both.contains(String.valueOf(m.get(idKey))))
                .toList();
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
