package net.ledgerd.app.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.ledgerd.testkit.Tools;

/**
 * The differential corpus, made at test time by {@code transactions/compat/py/make_corpus.py} with
 * the official drivers (Python driver in {@code .tools/pyenv}, JavaScript driver in
 * {@code transactions/compat/js/node_modules}; both installed by {@code network/bin/setup}).
 */
final class Corpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Per batch: the drivers sign every transaction in Python and Node (~1 min a batch at load 30). */
    private static final Duration TIMEOUT_PER_BATCH = Duration.ofMinutes(5);

    /**
     * One transaction as sent: its round, family and name, who made it, the exact text, its id as
     * Python reads it, and whether it gets a block of its own (content a database may refuse at Commit).
     */
    record Item(int round, String family, String name, String source, String raw, String id, boolean solo) {
        int batch() {
            return round / 3;
        }

        /** Unique within a corpus: batch, family and name. */
        String key() {
            return "b" + batch() + "/" + family + "/" + name;
        }

        byte[] bytes() {
            return raw.getBytes(StandardCharsets.UTF_8);
        }
    }

    private Corpus() {}

    /** Runs the generator; {@code batches} of three blocks each (~225 transactions per batch). */
    static List<Item> generate(int seed, int batches, Path workDir) {
        Path root = Tools.repoRoot();
        Path python = root.resolve(".tools/pyenv/bin/python");
        Path script = root.resolve("transactions/compat/py/make_corpus.py");
        if (!Files.isExecutable(python) || !Files.isDirectory(root.resolve("transactions/compat/js/node_modules"))) {
            throw new IllegalStateException("the official drivers are not installed; run " + Tools.SETUP
                    + " (or transactions/compat/install-drivers)");
        }
        Path out = workDir.resolve("corpus.jsonl");
        Path err = workDir.resolve("corpus.stderr");
        try {
            Process p = new ProcessBuilder(
                            python.toString(),
                            script.toString(),
                            "--seed",
                            String.valueOf(seed),
                            "--batches",
                            String.valueOf(batches))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            Duration timeout = TIMEOUT_PER_BATCH.multipliedBy(batches);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("make_corpus.py did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        "make_corpus.py exited with " + p.exitValue() + ": " + Files.readString(err));
            }
            return load(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the corpus", e);
        }
    }

    static List<Item> load(Path file) throws IOException {
        List<Item> items = new ArrayList<>();
        Map<String, Item> seen = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            Item item = new Item(
                    n.get("round").asInt(),
                    n.get("family").asText(),
                    n.get("name").asText(),
                    n.get("source").asText(),
                    n.get("raw").asText(),
                    n.path("id").isTextual() ? n.get("id").asText() : null,
                    n.path("solo").asBoolean(false));
            if (seen.put(item.key(), item) != null) {
                throw new IllegalStateException("the corpus names two items " + item.key());
            }
            items.add(item);
        }
        return items;
    }
}
