package net.ledgerd.ingestor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorConfigTest {
    @Test
    void environmentWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ingestor.properties");
        Files.writeString(f, "owner.key_file=/k\nkafka.topic=a\n");
        IngestorConfig c = IngestorConfig.load(f, Map.of("LEDGERD_INGESTOR_KAFKA_TOPIC", "b"));
        assertEquals("b", c.topic());
        assertEquals(4, c.ledgerRpc().size());
    }

    @Test
    void aBadValueIsRefusedNamingItsKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ingestor.properties");
        Files.writeString(f, "owner.key_file=/k\ninflight.max=-3\n");
        assertTrue(assertThrows(ConfigException.class, () -> IngestorConfig.load(f, Map.of()))
                .getMessage()
                .startsWith("inflight.max"));
        Files.writeString(f, "owner.key_file=/k\nledger.rpc=localhost:26657\n");
        assertTrue(assertThrows(ConfigException.class, () -> IngestorConfig.load(f, Map.of()))
                .getMessage()
                .startsWith("ledger.rpc"));
        Files.writeString(f, "owner.keyfile=/k\n");
        assertTrue(assertThrows(ConfigException.class, () -> IngestorConfig.load(f, Map.of()))
                .getMessage()
                .contains("unknown key owner.keyfile"));
        assertTrue(assertThrows(ConfigException.class, () -> IngestorConfig.load(null, Map.of()))
                .getMessage()
                .startsWith("owner.key_file is required"));
    }
}
