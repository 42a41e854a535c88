package net.ledgerd.ingestor.cli;

import java.util.concurrent.Callable;
import net.ledgerd.ingestor.pipeline.IngestorApp;
import net.ledgerd.ingestor.simulate.DeviceSimulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Publishes realistic device readings to Kafka at a chosen rate, keyed by device id.")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.10:9092", description = "Kafka bootstrap servers")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "readings")
    String topic;

    @Option(names = "--devices", defaultValue = "20")
    int devices;

    @Option(
            names = "--keys",
            defaultValue = "3",
            description = "quantities per device (1-6: temperature °C, humidity %, pressure hPa, voltage V, co2 ppm,"
                    + " vibration mm/s)")
    int keys;

    @Option(names = "--readings-per-message", defaultValue = "10")
    int perMessage;

    @Option(names = "--rate", defaultValue = "100", description = "readings per second over all devices")
    double rate;

    @Option(
            names = "--duration-s",
            defaultValue = "0",
            description = "stop after this many seconds (0: run until killed)")
    long durationSeconds;

    @Option(names = "--malformed", description = "also send one malformed message of each kind, then go on")
    boolean malformed;

    @Option(names = "--device-prefix", defaultValue = "device-")
    String prefix;

    @Override
    public Integer call() throws Exception {
        try (var producer = new KafkaProducer<>(
                IngestorApp.producerProperties(bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            DeviceSimulator sim =
                    new DeviceSimulator(producer, topic, prefix, devices, keys, perMessage, System.nanoTime());
            Runtime.getRuntime().addShutdownHook(new Thread(sim::stop));
            if (malformed) {
                sim.sendMalformed();
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "simulating %d devices x %d keys, %.0f readings/s to %s on %s%n",
                            devices, keys, rate, topic, bootstrap);
            sim.run(rate, durationSeconds * 1000);
            spec.commandLine()
                    .getOut()
                    .printf("sent %d readings in %d messages%n", sim.sentReadings(), sim.sentMessages());
        }
        return 0;
    }
}
