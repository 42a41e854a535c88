package net.ledgerd.ingestor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import net.ledgerd.ingestor.bench.IngestorBenchmark;
import net.ledgerd.ingestor.config.ConfigException;
import net.ledgerd.ingestor.config.IngestorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures readings/s committed end to end and Kafka-append-to-commit latency on a running"
                + " network (a fresh topic, the simulator at --rate for --duration-s, an ingestor in this JVM), then reads"
                + " every asset's chain back from the ledger. Exit code 1 if a reading was lost, confirmed or stored"
                + " twice, stored out of order, or dead-lettered.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "the ingestor config file (Kafka, ledger endpoints, owner key)")
    Path config;

    @Option(names = "--rate", defaultValue = "10000", description = "readings per second published")
    double rate;

    @Option(names = "--duration-s", defaultValue = "60", description = "the measured publishing window")
    long seconds;

    @Option(
            names = "--warmup-s",
            defaultValue = "20",
            description = "publishing at --rate before the measured window, not counted (JIT compilation of this"
                    + " JVM and the members)")
    long warmupSeconds;

    @Option(names = "--devices", defaultValue = "100")
    int devices;

    @Option(names = "--keys", defaultValue = "3")
    int keys;

    @Option(names = "--readings-per-message", defaultValue = "10")
    int perMessage;

    @Override
    public Integer call() throws Exception {
        IngestorConfig c;
        try {
            c = IngestorConfig.load(config, System.getenv());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("configuration error: " + e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "ingestor benchmark: %.0f readings/s for %d s (after %d s of warm-up) from %d devices x %d keys,"
                        + " %d readings per message%n",
                rate, seconds, warmupSeconds, devices, keys, perMessage);
        out.flush();
        // bench-ingestor reads the other processes' CPU time when these two lines appear.
        IngestorBenchmark.Window marks = new IngestorBenchmark.Window() {
            @Override
            public void started() {
                out.println("measured window starts");
                out.flush();
            }

            @Override
            public void ended() {
                out.println("measured window ends");
                out.flush();
            }
        };
        IngestorBenchmark.Result r = IngestorBenchmark.run(
                c,
                devices,
                keys,
                perMessage,
                rate,
                Duration.ofSeconds(warmupSeconds),
                Duration.ofSeconds(seconds),
                Duration.ofSeconds(120),
                marks);
        out.println(r);
        return r.lost() == 0
                        && r.duplicates() == 0
                        && r.deadLetters() == 0
                        && r.chain().clean(r.published())
                ? 0
                : 1;
    }
}
