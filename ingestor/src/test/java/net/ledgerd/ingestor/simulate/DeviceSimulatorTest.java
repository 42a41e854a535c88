package net.ledgerd.ingestor.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.ledgerd.ingestor.readings.DeviceIdSource;
import net.ledgerd.ingestor.readings.DeviceMessage;
import net.ledgerd.ingestor.readings.MessageParser;
import net.ledgerd.ingestor.readings.Reading;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeviceSimulatorTest {
    private final MessageParser parser = new MessageParser(DeviceIdSource.KEY, "device", 65536, 1000);

    @Test
    void everyMessageIsValidWithItsReadingsCyclingOverTheDevicesKeys() throws Exception {
        var producer =
                new MockProducer<byte[], byte[]>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        DeviceSimulator sim = new DeviceSimulator(producer, "readings", "dev-", 5, 6, 10, 1);
        sim.sendMessages(50);
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertEquals(50, sent.size());
        for (int m = 0; m < sent.size(); m++) {
            ProducerRecord<byte[], byte[]> r = sent.get(m);
            DeviceMessage message = parser.parse("readings", r.key(), r.value());
            assertEquals(sim.deviceId(m % 5), message.device());
            assertEquals(sim.deviceId(m % 5), new String(r.key(), StandardCharsets.UTF_8));
            assertEquals(10, message.readings().size());
            long first = message.readings().get(0).t().asLong();
            for (int i = 0; i < 10; i++) {
                Reading reading = message.readings().get(i);
                DeviceSimulator.Quantity q = DeviceSimulator.QUANTITIES.get(i % 6);
                assertEquals(q.key(), reading.key());
                assertEquals(q.unit(), reading.unit());
                assertEquals(first + i, reading.t().asLong());
                double v = reading.value().asDouble();
                assertTrue(reading.value().isNumber() && v >= q.min() && v <= q.max(), reading.toString());
                assertEquals(v, Math.round(v * 100) / 100.0, "two decimals");
            }
        }
    }
}
