package net.ledgerd.app.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.ledgerd.app.state.AppHash;

/**
 * Turns the lockstep run and the API reads into checks, sorts every difference into documented
 * (an entry of {@link KnownDifferences}) or not, and writes the per-family table and every
 * difference under {@code target/differential/}.
 */
final class DifferentialReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Lockstep.ItemResult> items;
    private final List<Check> checks = new ArrayList<>();
    private final Map<Check, String> documented = new LinkedHashMap<>();
    private final List<Check> undocumented = new ArrayList<>();
    private final List<KnownDifferences.Entry> stale = new ArrayList<>();

    DifferentialReport(Lockstep lockstep, List<Check> apiChecks, KnownDifferences known) {
        this.items = List.copyOf(lockstep.results().values());
        for (Lockstep.ItemResult r : lockstep.results().values()) {
            Corpus.Item i = r.item;
            checks.add(verdictCheck(i, "check", r.checkOurs, r.checkReference));
            checks.add(verdictCheck(i, "deliver", r.deliverOurs, r.deliverReference));
            checks.add(verdictCheck(i, "commit", r.commitOurs, r.commitReference));
        }
        Map<Check, String> explained = appHashChecks(lockstep.blocks());
        checks.addAll(apiChecks);
        Set<KnownDifferences.Entry> used = new LinkedHashSet<>();
        for (Check c : checks) {
            if (c.same()) {
                continue;
            }
            if (explained.containsKey(c)) {
                documented.put(c, explained.get(c));
                continue;
            }
            KnownDifferences.Entry e = known.find(c);
            if (e == null) {
                undocumented.add(c);
            } else {
                used.add(e);
                documented.put(c, e.reason());
            }
        }
        for (KnownDifferences.Entry e : known.entries()) {
            if (!used.contains(e)) {
                stale.add(e);
            }
        }
    }

    /** Compares response codes; a difference carries both logs (BigchainDB's is empty but for a crash). */
    private static Check verdictCheck(Corpus.Item i, String aspect, Lockstep.Verdict ours, Lockstep.Verdict reference) {
        String o = ours.label();
        String b = reference.label();
        String why = o.equals(b)
                ? null
                : "ours " + o + (ours.log().isEmpty() ? "" : " (" + ours.log() + ")") + ", BigchainDB " + b
                        + (reference.log().isEmpty() ? "" : " (" + reference.log() + ")");
        return new Check(i.family(), i.name(), aspect, o, b, why);
    }

    /**
     * One check per block. Both app hashes are BigchainDB's chain over the ids each committed, so
     * once the committed ids differ the hashes differ for ever after; such a block is explained by
     * those DeliverTx differences (themselves checks) when each side's hash is the chain step over
     * its own ids; a block whose Commit crashed on one side is explained by that crash.
     */
    private Map<Check, String> appHashChecks(List<Lockstep.Block> blocks) {
        Map<Check, String> explained = new LinkedHashMap<>();
        String prevOurs = "";
        String prevReference = "";
        List<Long> idsDiffered = new ArrayList<>();
        for (Lockstep.Block b : blocks) {
            if (!b.idsOurs().equals(b.idsReference())) {
                idsDiffered.add(b.height());
            }
            String ours = b.appHashOurs() == null ? "crash" : b.appHashOurs();
            String reference = b.appHashReference() == null ? "crash" : b.appHashReference();
            Check c = Check.of("blocks", "height " + b.height(), "apphash", ours, reference);
            checks.add(c);
            checks.add(Check.of(
                    "blocks",
                    "height " + b.height(),
                    "validator_updates",
                    String.valueOf(b.updatesOurs()),
                    String.valueOf(b.updatesReference())));
            boolean consistent = (b.appHashOurs() == null
                            || AppHash.next(prevOurs, b.idsOurs()).equals(ours))
                    && (b.appHashReference() == null
                            || AppHash.next(prevReference, b.idsReference()).equals(reference));
            if (!c.same() && (b.appHashOurs() == null || b.appHashReference() == null)) {
                explained.put(c, "a Commit crashed at this height (see the commit check of its transactions)");
            } else if (!c.same() && consistent && !idsDiffered.isEmpty()) {
                explained.put(c, "follows from the differences in committed transactions at heights " + idsDiffered);
            }
            prevOurs = b.appHashOurs() == null ? prevOurs : ours;
            prevReference = b.appHashReference() == null ? prevReference : reference;
        }
        return explained;
    }

    List<Check> undocumented() {
        return undocumented;
    }

    List<KnownDifferences.Entry> stale() {
        return stale;
    }

    /** Per family: items tried, items the same in every aspect, items with documented and with undocumented differences. */
    String table() {
        Map<String, Set<String>> items = new LinkedHashMap<>();
        for (Check c : checks) {
            items.computeIfAbsent(c.family(), f -> new LinkedHashSet<>()).add(c.name());
        }
        Map<String, Set<String>> documentedItems = new LinkedHashMap<>();
        Map<String, Set<String>> undocumentedItems = new LinkedHashMap<>();
        documented
                .keySet()
                .forEach(c -> documentedItems
                        .computeIfAbsent(c.family(), f -> new LinkedHashSet<>())
                        .add(c.name()));
        undocumented.forEach(c -> undocumentedItems
                .computeIfAbsent(c.family(), f -> new LinkedHashSet<>())
                .add(c.name()));
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                "%-26s %7s %7s %11s %13s %8s%n", "family", "tried", "same", "documented", "undocumented", "checks"));
        int[] total = new int[5];
        for (Map.Entry<String, Set<String>> e : items.entrySet()) {
            String f = e.getKey();
            Set<String> und = undocumentedItems.getOrDefault(f, Set.of());
            Set<String> doc = new LinkedHashSet<>(documentedItems.getOrDefault(f, Set.of()));
            doc.removeAll(und);
            int tried = e.getValue().size();
            int same = tried - doc.size() - und.size();
            long n = checks.stream().filter(c -> c.family().equals(f)).count();
            t.append(String.format("%-26s %7d %7d %11d %13d %8d%n", f, tried, same, doc.size(), und.size(), n));
            total[0] += tried;
            total[1] += same;
            total[2] += doc.size();
            total[3] += und.size();
            total[4] += (int) n;
        }
        t.append(String.format(
                "%-26s %7d %7d %11d %13d %8d%n", "total", total[0], total[1], total[2], total[3], total[4]));
        return t.toString();
    }

    /**
     * Writes summary.txt (the table, undocumented and stale entries), differences.jsonl (every
     * difference, with the reason when documented) and verdicts.jsonl (every item's verdicts).
     */
    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            StringBuilder s = new StringBuilder(table());
            s.append("\nundocumented differences: ").append(undocumented.size()).append('\n');
            undocumented.forEach(c -> s.append("  ").append(describe(c)).append('\n'));
            s.append("\nknown-differences.json entries that matched nothing: ")
                    .append(stale.size())
                    .append('\n');
            stale.forEach(e -> s.append("  ").append(e.describe()).append('\n'));
            Files.writeString(dir.resolve("summary.txt"), s.toString(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (Check c : checks) {
                if (c.same()) {
                    continue;
                }
                ObjectNode n = JSON.valueToTree(c);
                n.put("documented", documented.get(c));
                lines.add(JSON.writeValueAsString(n));
            }
            Files.write(dir.resolve("differences.jsonl"), lines, StandardCharsets.UTF_8);
            List<String> verdicts = new ArrayList<>();
            for (Lockstep.ItemResult r : items) {
                ObjectNode n = JSON.createObjectNode();
                n.put("round", r.item.round())
                        .put("family", r.item.family())
                        .put("name", r.item.name())
                        .put("source", r.item.source())
                        .put("id", r.item.id());
                n.putObject("check").put("ours", r.checkOurs.label()).put("bigchaindb", r.checkReference.label());
                n.putObject("deliver").put("ours", r.deliverOurs.label()).put("bigchaindb", r.deliverReference.label());
                n.putObject("commit").put("ours", r.commitOurs.label()).put("bigchaindb", r.commitReference.label());
                n.put("our_log", r.deliverOurs.log().isEmpty() ? r.checkOurs.log() : r.deliverOurs.log());
                verdicts.add(JSON.writeValueAsString(n));
            }
            Files.write(dir.resolve("verdicts.jsonl"), verdicts, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the differential report to " + dir, e);
        }
    }

    static String describe(Check c) {
        return c.family() + " / " + c.name() + " / " + c.aspect() + ": " + c.difference();
    }
}
