package net.ledgerd.ingestor.cli;

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
                + " network (a fresh topic, the simulator at --rate for --duration-s, an ingestor in this JVM).")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "the ingestor config file (Kafka, ledger endpoints, owner key)")
    Path config;

    @Option(names = "--rate", defaultValue = "10000", description = "readings per second published")
    double rate;

    @Option(names = "--duration-s", defaultValue = "60")
    long seconds;

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
        spec.commandLine()
                .getOut()
                .printf(
                        "ingestor benchmark: %.0f readings/s for %d s from %d devices x %d keys, %d readings per message%n",
                        rate, seconds, devices, keys, perMessage);
        IngestorBenchmark.Result r = IngestorBenchmark.run(
                c, devices, keys, perMessage, rate, Duration.ofSeconds(seconds), Duration.ofSeconds(120));
        spec.commandLine().getOut().println(r);
        return r.lost() == 0 && r.duplicates() == 0 && r.deadLetters() == 0 ? 0 : 1;
    }
}
