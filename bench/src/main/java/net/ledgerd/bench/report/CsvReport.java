package net.ledgerd.bench.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import net.ledgerd.bench.send.TxLog;
import net.ledgerd.bench.workload.BenchTx;

/**
 * One row per transaction sent, BEP-23's columns ({@code txid, size, ts_send, ts_accept, ts_commit, ts_error}, Unix
 * seconds, empty when it did not happen) after the network it went to, its operation, the member and the number of
 * sends it took, and the last refusal.
 */
public final class CsvReport {
    /** nanoTime and wall-clock time read together, to turn nanoTime values into Unix seconds. */
    private static final long ANCHOR_NANOS = System.nanoTime();

    private static final long ANCHOR_MILLIS = System.currentTimeMillis();

    private CsvReport() {}

    public static void write(Path file, List<TargetRun> runs) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("target,txid,operation,size,member,attempts,ts_send,ts_accept,ts_commit,ts_error,error\n");
            for (TargetRun run : runs) {
                TxLog log = run.log();
                for (int i = 0; i < log.size(); i++) {
                    if (log.attempts(i) == 0) {
                        continue;
                    }
                    BenchTx tx = run.workload().get(i);
                    String error = log.accept(i) > 0 ? null : log.errorText(i);
                    out.write(String.join(
                            ",",
                            run.summary().target(),
                            tx.id(),
                            tx.kind().name(),
                            Integer.toString(tx.size()),
                            Integer.toString(log.member(i) + 1),
                            Integer.toString(log.attempts(i)),
                            unix(log.send(i)),
                            unix(log.accept(i)),
                            unix(run.commitTimes()[i]),
                            log.accept(i) > 0 ? "" : unix(log.error(i)),
                            error == null ? "" : quote(error)));
                    out.write('\n');
                }
            }
        }
    }

    static String unix(long nanoTime) {
        if (nanoTime == 0) {
            return "";
        }
        double seconds = ANCHOR_MILLIS / 1e3 + (nanoTime - ANCHOR_NANOS) / 1e9;
        return String.format(Locale.ROOT, "%.6f", seconds);
    }

    static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
