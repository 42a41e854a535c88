package net.ledgerd.ingestor.readings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import net.ledgerd.ingestor.readings.BadMessageException.Reason;
import org.junit.jupiter.api.Test;

class MessageParserTest {
    private final MessageParser byKey = new MessageParser(DeviceIdSource.KEY, "device", 65536, 1000);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Reason reason(MessageParser p, byte[] key, String value) {
        return assertThrows(BadMessageException.class, () -> p.parse("readings", key, b(value)))
                .reason();
    }

    @Test
    void readsEveryReadingOfAMessageInOrder() throws Exception {
        DeviceMessage m = byKey.parse(
                "readings",
                b("dev-1"),
                b(
                        "{\"m\":[{\"t\":1733100000000,\"tz\":\"Europe/Berlin\",\"k\":\"temperature\",\"v\":21.5,\"u\":\"°C\"},"
                                + "{\"t\":\"2026-12-02T05:00:00Z\",\"tz\":\"\",\"k\":\"door\",\"v\":true,\"u\":\"\"}]}"));
        assertEquals("dev-1", m.device());
        assertEquals(2, m.readings().size());
        assertEquals("temperature", m.readings().get(0).key());
        assertEquals(21.5, m.readings().get(0).value().asDouble());
        assertEquals(1, m.readings().get(1).index());
        assertEquals("door", m.readings().get(1).key());
    }

    @Test
    void refusesEachKindOfBadMessageWithItsReason() {
        byte[] k = b("dev-1");
        assertEquals(Reason.NOT_JSON, reason(byKey, k, "temperature=21"));
        assertEquals(Reason.NOT_JSON, reason(byKey, k, "{\"m\":[],\"m\":[]}"));
        assertEquals(Reason.WRONG_SHAPE, reason(byKey, k, "[1,2]"));
        assertEquals(Reason.WRONG_SHAPE, reason(byKey, k, "{\"readings\":[]}"));
        assertEquals(Reason.MISSING_FIELD, reason(byKey, k, "{}"));
        assertEquals(Reason.WRONG_TYPE, reason(byKey, k, "{\"m\":{}}"));
        assertEquals(Reason.WRONG_SHAPE, reason(byKey, k, "{\"m\":[]}"));
        assertEquals(
                Reason.MISSING_FIELD, reason(byKey, k, "{\"m\":[{\"t\":1,\"tz\":\"UTC\",\"k\":\"a\",\"u\":\"\"}]}"));
        assertEquals(
                Reason.WRONG_TYPE,
                reason(byKey, k, "{\"m\":[{\"t\":1.5,\"tz\":\"UTC\",\"k\":\"a\",\"v\":1,\"u\":\"\"}]}"));
        assertEquals(
                Reason.WRONG_TYPE,
                reason(byKey, k, "{\"m\":[{\"t\":1,\"tz\":\"UTC\",\"k\":\"a\",\"v\":null,\"u\":\"\"}]}"));
        assertEquals(
                Reason.WRONG_TYPE,
                reason(byKey, k, "{\"m\":[{\"t\":1,\"tz\":\"UTC\",\"k\":\"\",\"v\":1,\"u\":\"\"}]}"));
        assertEquals(
                Reason.WRONG_TYPE,
                reason(
                        byKey,
                        k,
                        "{\"m\":[{\"t\":1,\"tz\":\"UTC\",\"k\":\"a\",\"v\":99999999999999999999,\"u\":\"\"}]}"));
        assertEquals(
                Reason.WRONG_SHAPE,
                reason(byKey, k, "{\"m\":[{\"t\":1,\"tz\":\"UTC\",\"k\":\"a\",\"v\":1,\"u\":\"\",\"x\":2}]}"));
        assertEquals(Reason.OVERSIZED, reason(byKey, k, "{\"m\":[\"" + "x".repeat(70_000) + "\"]}"));
        assertEquals(
                Reason.NO_DEVICE,
                reason(byKey, null, "{\"m\":[{\"t\":1,\"tz\":\"\",\"k\":\"a\",\"v\":1,\"u\":\"\"}]}"));
    }

    @Test
    void takesTheDeviceFromAFieldOrTheTopicWhenConfigured() throws Exception {
        String body = "{\"device\":\"dev-9\",\"m\":[{\"t\":1,\"tz\":\"\",\"k\":\"a\",\"v\":1,\"u\":\"\"}]}";
        assertEquals(
                "dev-9",
                new MessageParser(DeviceIdSource.FIELD, "device", 65536, 1000)
                        .parse("t", null, b(body))
                        .device());
        assertEquals(
                "plant-3",
                new MessageParser(DeviceIdSource.TOPIC, "device", 65536, 1000)
                        .parse("plant-3", null, b("{\"m\":[{\"t\":1,\"tz\":\"\",\"k\":\"a\",\"v\":1,\"u\":\"\"}]}"))
                        .device());
        assertEquals(Reason.WRONG_SHAPE, reason(byKey, b("d"), body));
    }
}
