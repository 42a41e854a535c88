package net.ledgerd.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import net.ledgerd.app.store.HistoryFeed;

/**
 * The app's Prometheus metrics: committed height, transactions accepted and rejected (by rule and
 * by ABCI call), the time spent in CheckTx, DeliverTx and Commit, and the history writer's progress.
 * Served at /metrics.
 */
public final class AppMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong height = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Timer checkTx;
    private final Timer deliverTx;
    private final Timer commit;
    private final Counter committedTransactions;
    private final Counter verificationsReused;

    public AppMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        registry.gauge("ledgerd_block_height", height);
        Gauge.builder("ledgerd_check_view_pending", pending, AtomicLong::get)
                .description("Transactions CheckTx accepted that the check view still holds after the last Commit")
                .register(registry);
        checkTx = Timer.builder("ledgerd_abci_seconds")
                .tag("call", "check_tx")
                .publishPercentileHistogram()
                .register(registry);
        deliverTx = Timer.builder("ledgerd_abci_seconds")
                .tag("call", "deliver_tx")
                .publishPercentileHistogram()
                .register(registry);
        commit = Timer.builder("ledgerd_abci_seconds")
                .tag("call", "commit")
                .publishPercentileHistogram()
                .register(registry);
        committedTransactions =
                Counter.builder("ledgerd_transactions_committed").register(registry);
        verificationsReused = Counter.builder("ledgerd_deliver_tx_signature_checks_reused")
                .description(
                        "DeliverTx calls that skipped the cryptography because CheckTx had verified the same bytes")
                .register(registry);
    }

    /**
     * The history writer behind Commit: the height its documents hold (the lag is the block height
     * less this), its failed passes, and whether it is failing now.
     */
    public void watchHistory(HistoryFeed feed) {
        Gauge.builder("ledgerd_history_height", feed, HistoryFeed::appliedThrough)
                .description("Height through which the history documents hold every stored block")
                .register(registry);
        FunctionCounter.builder("ledgerd_history_failures", feed, HistoryFeed::failures)
                .description("History writer passes that failed (each logged, then retried from the stored blocks)")
                .register(registry);
        Gauge.builder("ledgerd_history_failing", feed, f -> f.failing() ? 1 : 0)
                .description("1 while the history writer's last attempt failed")
                .register(registry);
    }

    public void verificationReused() {
        verificationsReused.increment();
    }

    public double verificationsReused() {
        return verificationsReused.count();
    }

    public Timer checkTx() {
        return checkTx;
    }

    public Timer deliverTx() {
        return deliverTx;
    }

    public Timer commit() {
        return commit;
    }

    public void committed(long blockHeight, int transactions) {
        height.set(blockHeight);
        committedTransactions.increment(transactions);
    }

    public void pending(int transactions) {
        pending.set(transactions);
    }

    public void setHeight(long blockHeight) {
        height.set(blockHeight);
    }

    public void accepted(String call) {
        registry.counter("ledgerd_transactions_accepted", "call", call).increment();
    }

    public void rejected(String call, String rule) {
        registry.counter("ledgerd_transactions_rejected", "call", call, "reason", rule)
                .increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
