package net.ledgerd.ingestor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.ledgerd.ingestor.config.ConfigException;
import net.ledgerd.ingestor.config.IngestorConfig;
import net.ledgerd.ingestor.ledger.OwnerKey;
import net.ledgerd.ingestor.pipeline.IngestorApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Consumes readings and records them on the ledger until SIGTERM, which commits to Kafka what is on chain"
                    + " and nothing more.",
            "Config keys (file key=value; environment LEDGERD_INGESTOR_<KEY> with dots as underscores wins):",
            "  kafka.bootstrap, kafka.topic, kafka.group, kafka.instance_id, kafka.dead_letter_topic, kafka.heads_topic, device.id_from (key|topic|field),",
            "  device.id_field, owner.key_file (required), ledger.rpc, ledger.api (comma-separated URLs),",
            "  batch.max_readings, batch.max_bytes, message.max_bytes, message.max_readings, buffer.max_readings,",
            "  inflight.max, pipeline.depth (an asset's transactions in flight; with one in flight, the next goes once",
            "  per committed height, when the height is seen),",
            "  ledger.call_timeout_ms, ledger.confirm_timeout_ms, metrics.address (host:port|off), progress.interval_s"
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "the config file (key=value lines)")
    Path config;

    @Override
    public Integer call() throws Exception {
        IngestorConfig c;
        try {
            c = IngestorConfig.load(config, System.getenv());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("configuration error: " + e.getMessage());
            return 2;
        }
        IngestorApp app;
        try {
            app = new IngestorApp(c, null);
        } catch (OwnerKey.KeyFileException e) {
            spec.commandLine().getErr().println("owner.key_file: " + e.getMessage());
            return 2;
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    app.ingestor().stop();
                    try {
                        finished.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "sigterm");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            app.ingestor().run();
        } finally {
            app.close();
            finished.countDown();
        }
        return 0;
    }
}
