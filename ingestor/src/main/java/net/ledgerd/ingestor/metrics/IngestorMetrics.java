package net.ledgerd.ingestor.metrics;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingestor's figures: what the progress line prints and Prometheus scrapes at {@code /metrics} on
 * {@code metrics.address}. Counters are readings unless named otherwise; the latency is from Kafka's append
 * timestamp of a message to the moment its readings were read back from the ledger as committed.
 */
public final class IngestorMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter consumed;
    private final Counter committed;
    private final Counter deadLetters;
    private final Counter transactions;
    private final Counter failedTransactions;
    private final Timer latency;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong paused = new AtomicLong();
    private HttpServer server;

    public IngestorMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        consumed = Counter.builder("ledgerd_ingestor_readings_consumed").register(registry);
        committed = Counter.builder("ledgerd_ingestor_readings_committed")
                .description("readings read back from the ledger as committed")
                .register(registry);
        deadLetters = Counter.builder("ledgerd_ingestor_dead_letters")
                .description("messages sent to the dead-letter topic")
                .register(registry);
        transactions =
                Counter.builder("ledgerd_ingestor_transactions_committed").register(registry);
        failedTransactions = Counter.builder("ledgerd_ingestor_transactions_not_committed")
                .description("transactions refused or not confirmed in time (their readings are retried)")
                .register(registry);
        latency = Timer.builder("ledgerd_ingestor_append_to_commit_seconds")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        registry.gauge("ledgerd_ingestor_lag_messages", lag);
        registry.gauge("ledgerd_ingestor_transactions_in_flight", inFlight);
        registry.gauge("ledgerd_ingestor_readings_buffered", buffered);
        registry.gauge("ledgerd_ingestor_partitions_paused", paused);
    }

    /** Serves /metrics on host:port until {@link #close()}. */
    public void serve(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        server = HttpServer.create(
                new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), 16);
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public void consumed(int readings) {
        consumed.increment(readings);
    }

    public void transactionCommitted() {
        transactions.increment();
    }

    public void committed(int readings, long appendTimeMs, long confirmedAtMs) {
        committed.increment(readings);
        Duration d = Duration.ofMillis(Math.max(0, confirmedAtMs - appendTimeMs));
        for (int i = 0; i < readings; i++) {
            latency.record(d);
        }
    }

    public void transactionFailed() {
        failedTransactions.increment();
    }

    public long deadLetters() {
        return (long) deadLetters.count();
    }

    public void deadLetter() {
        deadLetters.increment();
    }

    public void state(long lagMessages, long inFlightTransactions, long bufferedReadings, long pausedPartitions) {
        lag.set(lagMessages);
        inFlight.set(inFlightTransactions);
        buffered.set(bufferedReadings);
        paused.set(pausedPartitions);
    }

    /** The progress line. */
    public String progress() {
        return String.format(
                "consumed %d, committed %d readings (%d transactions), lag %d messages, dead letters %d, in flight %d"
                        + " transactions, buffered %d readings%s",
                (long) consumed.count(),
                (long) committed.count(),
                (long) transactions.count(),
                lag.get(),
                (long) deadLetters.count(),
                inFlight.get(),
                buffered.get(),
                paused.get() > 0 ? ", paused (the chain is behind)" : "");
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        registry.close();
    }
}
