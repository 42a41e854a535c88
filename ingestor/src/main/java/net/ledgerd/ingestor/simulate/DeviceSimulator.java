package net.ledgerd.ingestor.simulate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Devices publishing readings as they do today: each of {@code devices} devices measures {@code keys} quantities
 * (temperature in °C, humidity in %, pressure in hPa, supply voltage in V, ... with values drifting in a realistic
 * range) and sends {@code readingsPerMessage} readings per message, keyed by its device id so one device's readings
 * stay in one partition. The total rate is {@code readingsPerSecond}; {@code malformed} bad messages (not JSON, a
 * wrong shape, a missing field, a wrong type, oversized) are mixed in on request.
 */
public final class DeviceSimulator {
    /** A measured quantity: key, unit and the range its values drift in. */
    public record Quantity(String key, String unit, double min, double max) {}

    public static final List<Quantity> QUANTITIES = List.of(
            new Quantity("temperature", "°C", -10, 40),
            new Quantity("humidity", "%", 10, 95),
            new Quantity("pressure", "hPa", 960, 1040),
            new Quantity("voltage", "V", 3.0, 4.2),
            new Quantity("co2", "ppm", 400, 2000),
            new Quantity("vibration", "mm/s", 0, 25));

    private static final String[] ZONES = {"Europe/Berlin", "UTC", "America/New_York", "+05:30"};

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final int devices;
    private final int keys;
    private final int readingsPerMessage;
    private final Random random;
    private final double[][] values;
    private final String prefix;
    /** Each device's id as the record key, made once (formatting it per message was a measurable cost). */
    private final byte[][] keysOfDevices;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private long sentReadings;
    private long sentMessages;

    public DeviceSimulator(
            Producer<byte[], byte[]> producer,
            String topic,
            String devicePrefix,
            int devices,
            int keys,
            int readingsPerMessage,
            long seed) {
        if (keys < 1 || keys > QUANTITIES.size()) {
            throw new IllegalArgumentException("keys must be in 1.." + QUANTITIES.size());
        }
        this.producer = producer;
        this.topic = topic;
        this.prefix = devicePrefix;
        this.devices = devices;
        this.keys = keys;
        this.readingsPerMessage = readingsPerMessage;
        this.random = new Random(seed);
        this.values = new double[devices][keys];
        this.keysOfDevices = new byte[devices][];
        for (int d = 0; d < devices; d++) {
            keysOfDevices[d] = deviceId(d).getBytes(StandardCharsets.UTF_8);
        }
        for (int d = 0; d < devices; d++) {
            for (int k = 0; k < keys; k++) {
                Quantity q = QUANTITIES.get(k);
                values[d][k] = q.min() + random.nextDouble() * (q.max() - q.min());
            }
        }
    }

    public String deviceId(int d) {
        return prefix + String.format("%04d", d);
    }

    /** The next message of device {@code d}: {@code readingsPerMessage} readings cycling over its keys. */
    public byte[] message(int d, long nowMs) {
        // Written directly rather than through a JSON tree (a sixth of the bench JVM's CPU went to building and
        // serializing trees): the keys, units and zones are constants that need no escaping, and the value is
        // written as Jackson writes a double (Double.toString).
        StringBuilder json = new StringBuilder(64 + readingsPerMessage * 80).append("{\"m\":[");
        for (int i = 0; i < readingsPerMessage; i++) {
            int k = i % keys;
            Quantity q = QUANTITIES.get(k);
            double step = (q.max() - q.min()) * 0.01 * (random.nextDouble() - 0.5);
            values[d][k] = Math.min(q.max(), Math.max(q.min(), values[d][k] + step));
            json.append(i == 0 ? "{\"t\":" : ",{\"t\":")
                    .append(nowMs + i)
                    .append(",\"tz\":\"")
                    .append(ZONES[d % ZONES.length])
                    .append("\",\"k\":\"")
                    .append(q.key())
                    .append("\",\"v\":")
                    .append(Math.round(values[d][k] * 100) / 100.0)
                    .append(",\"u\":\"")
                    .append(q.unit())
                    .append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The malformed messages sent on request, one of each kind the ingestor must dead-letter. */
    public static List<byte[]> malformedMessages() {
        List<byte[]> bad = new ArrayList<>();
        bad.add("temperature=21.5".getBytes(StandardCharsets.UTF_8));
        bad.add("{\"readings\":[]}".getBytes(StandardCharsets.UTF_8));
        bad.add("{\"m\":[{\"t\":1,\"tz\":\"UTC\",\"k\":\"temperature\",\"u\":\"°C\"}]}"
                .getBytes(StandardCharsets.UTF_8));
        bad.add("{\"m\":[{\"t\":1,\"tz\":\"UTC\",\"k\":\"temperature\",\"v\":{\"x\":1},\"u\":\"°C\"}]}"
                .getBytes(StandardCharsets.UTF_8));
        bad.add(("{\"m\":[{\"t\":1,\"tz\":\"UTC\",\"k\":\"temperature\",\"v\":\"" + "x".repeat(300_000)
                        + "\",\"u\":\"°C\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        return bad;
    }

    /** Sends {@code count} messages round-robin over the devices as fast as the producer takes them. */
    public void sendMessages(long count) {
        for (long i = 0; i < count && running.get(); i++) {
            send((int) (sentMessages % devices));
        }
    }

    /** Sends at {@code readingsPerSecond} until {@code durationMs} passes (0: until {@link #stop()}). */
    public void run(double readingsPerSecond, long durationMs) throws InterruptedException {
        long start = System.nanoTime();
        long end = durationMs > 0 ? start + TimeUnit.MILLISECONDS.toNanos(durationMs) : Long.MAX_VALUE;
        double messagesPerSecond = readingsPerSecond / readingsPerMessage;
        // The rate counts from this call: a second run (after a warm-up) does not catch up on the first.
        long before = sentMessages;
        while (running.get() && System.nanoTime() < end) {
            long due = before + (long) ((System.nanoTime() - start) / 1e9 * messagesPerSecond);
            while (sentMessages < due && running.get()) {
                send((int) (sentMessages % devices));
            }
            Thread.sleep(5);
        }
        producer.flush();
    }

    public void sendMalformed() {
        int i = 0;
        for (byte[] bad : malformedMessages()) {
            producer.send(new ProducerRecord<>(topic, deviceId(i++ % devices).getBytes(StandardCharsets.UTF_8), bad));
        }
        producer.send(new ProducerRecord<>(topic, null, message(0, System.currentTimeMillis())));
        producer.flush();
    }

    private void send(int d) {
        producer.send(new ProducerRecord<>(topic, keysOfDevices[d], message(d, System.currentTimeMillis())));
        sentMessages++;
        sentReadings += readingsPerMessage;
    }

    public void stop() {
        running.set(false);
    }

    public long sentReadings() {
        return sentReadings;
    }

    public long sentMessages() {
        return sentMessages;
    }
}
