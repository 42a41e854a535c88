package net.ledgerd.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
    @Test
    void defaultsWorkForTheLocalNetwork() {
        AppConfig c = AppConfig.load(null, Map.of(), Map.of());
        assertEquals(26658, c.abciAddress().getPort());
        assertEquals(9984, c.httpAddress().getPort());
        assertEquals("bigchain", c.database());
        assertEquals(AppConfig.Transport.SOCKET, c.transport());
        assertEquals(java.time.Duration.ofSeconds(20), c.checkTimeout());
        assertEquals(java.time.Duration.ofSeconds(10), c.commitTimeout());
        assertEquals(java.time.Duration.ofSeconds(5), c.historyPassInterval());
    }

    @Test
    void fileThenEnvironmentThenFlagsWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "mongodb.database=fromfile\nabci.transport=grpc\nhttp.address=127.0.0.1:1000\n");
        Map<String, String> env =
                Map.of("LEDGERD_MONGODB_DATABASE", "fromenv", "LEDGERD_HTTP_ADDRESS", "127.0.0.1:2000");
        Map<String, String> flags = new HashMap<>();
        flags.put("http.address", "127.0.0.1:3000");
        AppConfig c = AppConfig.load(file, env, flags);
        assertEquals("fromenv", c.database());
        assertEquals(AppConfig.Transport.GRPC, c.transport());
        assertEquals(3000, c.httpAddress().getPort());
    }

    @Test
    void badValuesAreRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        assertMessage("abci.address", Map.of("abci.address", "nohostport"));
        assertMessage("abci.transport", Map.of("abci.transport", "carrier-pigeon"));
        assertMessage("mongodb.uri", Map.of("mongodb.uri", "http://x"));
        assertMessage("tendermint.rpc", Map.of("tendermint.rpc", "ftp://x"));
        assertMessage("http.max_request_bytes", Map.of("http.max_request_bytes", "-1"));
        assertMessage("mongodb.database", Map.of("mongodb.database", "a.b"));
        assertMessage("http.check_timeout_ms", Map.of("http.check_timeout_ms", "0"));
        assertMessage("http.commit_timeout_ms", Map.of("http.commit_timeout_ms", "10s"));
        assertMessage("history.pass_interval_ms", Map.of("history.pass_interval_ms", "0"));
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "no.such.key=1\n");
        var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.load(file, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("no.such.key"), e.getMessage());
    }

    private static void assertMessage(String key, Map<String, String> flags) {
        var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.load(null, Map.of(), flags));
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }
}
