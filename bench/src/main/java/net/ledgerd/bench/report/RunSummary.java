package net.ledgerd.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import net.ledgerd.bench.send.LoadDriver;
import net.ledgerd.bench.send.TxLog;

/**
 * The figures of one run against one network, from each transaction's send, accept and commit times: rates over
 * the run, latency percentiles, and per-second counts for the plot ({@code acceptedSeries}, {@code committedSeries}). Committed throughput is the transactions
 * committed divided by the time from the first send to the last commit (the backlog left in the mempools when
 * sending stops counts only once it commits).
 */
public record RunSummary(
        String target,
        String via,
        String load,
        long requests,
        long refusals,
        int picked,
        int accepted,
        int committed,
        double sendSeconds,
        double spanSeconds,
        Percentiles acceptLatency,
        Percentiles commitLatency,
        long[] acceptedSeries,
        long[] committedSeries) {

    /** {@code commitTime} gives each transaction's commit time (nanoTime) or 0. */
    public static RunSummary of(
            String target, String via, String load, LoadDriver.Sent sent, TxLog log, IntToLongFunction commitTime) {
        long t0 = sent.startNanos();
        List<Double> acceptLat = new ArrayList<>();
        List<Double> commitLat = new ArrayList<>();
        int picked = 0;
        int accepted = 0;
        int committed = 0;
        long last = sent.endNanos();
        long lastCommit = t0;
        int seconds = (int) Math.ceil((sent.endNanos() - t0) / 1e9) + 1;
        long[] commitTimes = new long[log.size()];
        for (int i = 0; i < log.size(); i++) {
            if (log.attempts(i) > 0) {
                picked++;
            }
            if (log.accept(i) > 0) {
                accepted++;
                acceptLat.add((log.accept(i) - log.send(i)) / 1e9);
            }
            long c = log.height(i) > 0 ? commitTime.applyAsLong(i) : 0;
            commitTimes[i] = c;
            if (c > 0) {
                committed++;
                lastCommit = Math.max(lastCommit, c);
                if (log.send(i) > 0) {
                    commitLat.add((c - log.send(i)) / 1e9);
                }
            }
        }
        last = Math.max(last, lastCommit);
        seconds = Math.max(seconds, (int) Math.ceil((last - t0) / 1e9) + 1);
        long[] acceptedPerSecond = new long[seconds];
        long[] committedPerSecond = new long[seconds];
        for (int i = 0; i < log.size(); i++) {
            if (log.accept(i) > 0) {
                acceptedPerSecond[bucket(log.accept(i), t0, seconds)]++;
            }
            if (commitTimes[i] > 0) {
                committedPerSecond[bucket(commitTimes[i], t0, seconds)]++;
            }
        }
        return new RunSummary(
                target,
                via,
                load,
                sent.requests(),
                sent.refusals(),
                picked,
                accepted,
                committed,
                sent.seconds(),
                (lastCommit - t0) / 1e9,
                Percentiles.of(toArray(acceptLat)),
                Percentiles.of(toArray(commitLat)),
                acceptedPerSecond,
                committedPerSecond);
    }

    private static int bucket(long at, long t0, int seconds) {
        return (int) Math.max(0, Math.min(seconds - 1, (at - t0) / 1_000_000_000L));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double requestsPerSecond() {
        return requests / sendSeconds;
    }

    public double acceptedPerSecond() {
        return accepted / sendSeconds;
    }

    /** Committed transactions per second from the first send to the last commit; 0 if none committed. */
    public double committedPerSecond() {
        return committed == 0 || spanSeconds <= 0 ? 0 : committed / spanSeconds;
    }

    public String describe() {
        return String.format(
                "%s (%s; %s)%n"
                        + "  sent      %,d requests in %.1f s = %,.0f requests/s (%,d refused, e.g. mempool full; refused"
                        + " transactions are sent again)%n"
                        + "  accepted  %,d of %,d transactions = %,.0f tx/s; accept latency %s%n"
                        + "  committed %,d = %,.0f tx/s (first send to last commit, %.1f s); commit latency %s",
                target,
                via,
                load,
                requests,
                sendSeconds,
                requestsPerSecond(),
                refusals,
                accepted,
                picked,
                acceptedPerSecond(),
                acceptLatency.describe(),
                committed,
                committedPerSecond(),
                spanSeconds,
                commitLatency.describe());
    }
}
