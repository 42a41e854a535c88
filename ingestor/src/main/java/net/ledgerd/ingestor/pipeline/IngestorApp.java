package net.ledgerd.ingestor.pipeline;

import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import net.ledgerd.ingestor.config.IngestorConfig;
import net.ledgerd.ingestor.ledger.LedgerClient;
import net.ledgerd.ingestor.ledger.OwnerKey;
import net.ledgerd.ingestor.ledger.ReadingTransactions;
import net.ledgerd.ingestor.metrics.IngestorMetrics;
import net.ledgerd.ingestor.readings.MessageParser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Wires an {@link Ingestor} from its config: Kafka consumer and dead-letter producer, owner key, ledger client. */
public final class IngestorApp implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final IngestorMetrics metrics;
    private final Ingestor ingestor;
    private final ReadingTransactions transactions;
    private final LedgerClient ledger;

    public IngestorApp(IngestorConfig config, CommitListener listener) throws OwnerKey.KeyFileException, IOException {
        transactions = new ReadingTransactions(OwnerKey.load(config.ownerKeyFile()));
        ledger = new LedgerClient(config.ledgerRpc(), config.ledgerApi(), config.rpcTimeout(), config.callTimeout());
        metrics = new IngestorMetrics();
        consumer = new KafkaConsumer<>(
                consumerProperties(config), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(
                producerProperties(config.kafkaBootstrap()), new ByteArraySerializer(), new ByteArraySerializer());
        ingestor = new Ingestor(
                consumer,
                config.topic(),
                new MessageParser(
                        config.deviceIdFrom(),
                        config.deviceIdField(),
                        config.messageMaxBytes(),
                        config.messageMaxReadings()),
                transactions,
                new DeadLetters(producer, config.deadLetterTopic()),
                new HeadHints(config.kafkaBootstrap(), config.headsTopic(), producer),
                ledger,
                new Ingestor.Limits(
                        config.batchMaxReadings(),
                        config.batchMaxBytes(),
                        config.bufferMaxReadings(),
                        config.inFlightMax(),
                        config.pipelineDepth(),
                        config.callTimeout(),
                        config.confirmTimeout(),
                        config.progressInterval()),
                metrics,
                listener);
        if (!config.metricsAddress().equals("off")) {
            metrics.serve(config.metricsAddress());
        }
    }

    static Properties consumerProperties(IngestorConfig config) {
        Properties p = new Properties();
        p.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, config.group(),
                // Offsets are committed by hand, only for readings read back from the ledger.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // With nothing committed, start at the beginning: the ledger's coverage skips what is already there.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"));
        if (!config.instanceId().isEmpty()) {
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        }
        return p;
    }

    public static Properties producerProperties(String bootstrap) {
        Properties p = new Properties();
        p.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000"));
        return p;
    }

    public Ingestor ingestor() {
        return ingestor;
    }

    public IngestorMetrics metrics() {
        return metrics;
    }

    /** The transactions this ingestor builds, for reading its assets back (the benchmark's audit). */
    public ReadingTransactions transactions() {
        return transactions;
    }

    /** This ingestor's way to the ledger, for reading its assets back (the benchmark's audit). */
    public LedgerClient ledger() {
        return ledger;
    }

    @Override
    public void close() {
        ingestor.close();
        consumer.close();
        producer.close();
        metrics.close();
    }
}
