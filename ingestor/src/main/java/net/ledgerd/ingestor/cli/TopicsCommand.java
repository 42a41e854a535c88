package net.ledgerd.ingestor.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Creates the readings and dead-letter topics when they are missing (readings with Kafka's"
                + " append time as record timestamp, which the latency figures start from).")
final class TopicsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.10:9092")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "readings")
    String topic;

    @Option(names = "--partitions", defaultValue = "4")
    int partitions;

    @Option(names = "--dead-letter-topic", defaultValue = "readings-dead-letters")
    String deadLetters;

    @Option(names = "--heads-topic", defaultValue = "readings-heads")
    String heads;

    @Override
    public Integer call() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(
                "bootstrap.servers", bootstrap, "default.api.timeout.ms", 60_000, "request.timeout.ms", 20_000))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, partitions, (short) 1)
                        .configs(Map.of("message.timestamp.type", "LogAppendTime")));
            }
            if (!existing.contains(deadLetters)) {
                missing.add(new NewTopic(deadLetters, 1, (short) 1));
            }
            if (!existing.contains(heads)) {
                missing.add(new NewTopic(heads, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
            }
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            spec.commandLine()
                    .getOut()
                    .println(
                            missing.isEmpty()
                                    ? "topics exist"
                                    : "created "
                                            + missing.stream()
                                                    .map(NewTopic::name)
                                                    .toList());
        }
        return 0;
    }
}
