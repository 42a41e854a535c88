package net.ledgerd.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Each network's committed throughput as a share of the ceiling network's in the same run: the machine's load moves
 * both, so only a share taken in one run compares runs.
 */
public final class CeilingShares {
    private CeilingShares() {}

    /** One line per run other than {@code ceiling}'s; none when the ceiling did not run or committed nothing. */
    public static List<String> lines(List<RunSummary> runs, String ceiling) {
        RunSummary top = runs.stream()
                .filter(r -> r.target().equals(ceiling))
                .findFirst()
                .orElse(null);
        List<String> lines = new ArrayList<>();
        if (top == null || top.committedPerSecond() <= 0) {
            return lines;
        }
        for (RunSummary r : runs) {
            if (r != top) {
                lines.add(String.format(
                        Locale.ROOT,
                        "%s / %s (committed tx/s): %.0f / %.0f = %.2f",
                        r.target(),
                        ceiling,
                        r.committedPerSecond(),
                        top.committedPerSecond(),
                        r.committedPerSecond() / top.committedPerSecond()));
            }
        }
        return lines;
    }
}
