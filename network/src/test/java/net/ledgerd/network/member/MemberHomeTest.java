package net.ledgerd.network.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.json.Json;
import net.ledgerd.network.keys.KeyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberHomeTest {
    @TempDir
    Path dir;

    @Test
    void initWritesTheTendermintHomeAndTheMembersFiles() throws Exception {
        MemberHome home = MemberHome.at(dir.resolve("alice"));
        MemberHome.Identity id =
                home.init(new MemberSettings("alice", "alice.example.com", 26656), AppProperties.defaults());
        for (Path f : home.initFiles()) {
            assertTrue(Files.exists(f), f.toString());
        }
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.validatorKeyFile())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.nodeKeyFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.configDir())));
        assertEquals(KeyFiles.initialValidatorStateJson(), Files.readString(home.validatorStateFile()));
        assertFalse(Files.exists(home.genesisFile()), "genesis comes with member configure");

        MemberHome.Identity again = home.identity();
        assertEquals(id.info(), again.info());
        assertEquals(new MemberSettings("alice", "alice.example.com", 26656), again.settings());
    }

    @Test
    void infoIsWhatOthersNeedAndNothingSecret() {
        MemberHome home = MemberHome.at(dir);
        MemberHome.Identity id =
                home.init(new MemberSettings("Alice's Node Shop", "46.145.17.32", 26656), AppProperties.defaults());
        JsonNode info = Json.parse(Json.pretty(id.info().toJson()), "info");
        List<String> fields = new java.util.ArrayList<>();
        info.fieldNames().forEachRemaining(fields::add);
        assertEquals(
                List.of("moniker", "hostname", "p2p_port", "node_id", "node_pub_key", "pub_key", "address"), fields);
        assertEquals("Alice's Node Shop", info.get("moniker").asText());
        assertEquals(26656, info.get("p2p_port").asInt());
        assertEquals(id.nodeKey().nodeId(), info.get("node_id").asText());
        assertEquals(
                Base64.getEncoder().encodeToString(id.validatorKey().publicKey()),
                info.get("pub_key").asText());
        assertEquals(id.validatorKey().address(), info.get("address").asText());
        String seed = Base64.getEncoder()
                .encodeToString(id.validatorKey().tendermintPrivateKey())
                .substring(0, 40);
        assertFalse(info.toString().contains(seed));
    }

    @Test
    void refusesToOverwriteAnyExistingFileAndChangesNothing() throws Exception {
        MemberHome home = MemberHome.at(dir);
        home.init(new MemberSettings("alice", "alice.example.com", 26656), AppProperties.defaults());
        String key = Files.readString(home.validatorKeyFile());
        OperatorError e = assertThrows(
                OperatorError.class,
                () -> home.init(new MemberSettings("bob", "bob.example.com", 26656), AppProperties.defaults()));
        assertTrue(
                e.getMessage().contains("config/priv_validator_key.json")
                        && e.getMessage().contains("refusing to overwrite"),
                e.getMessage());
        assertEquals(key, Files.readString(home.validatorKeyFile()));

        // a single existing key file is enough to refuse, and nothing else is created
        Path other = dir.resolve("other");
        Files.createDirectories(other.resolve("config"));
        Files.writeString(other.resolve("config/node_key.json"), "{}");
        MemberHome second = MemberHome.at(other);
        assertThrows(
                OperatorError.class,
                () -> second.init(new MemberSettings("bob", "bob.example.com", 26656), AppProperties.defaults()));
        assertFalse(Files.exists(second.validatorKeyFile()));
        assertEquals("{}", Files.readString(other.resolve("config/node_key.json")));
    }

    @Test
    void identityOfAnUninitialisedHomeSaysWhatToDo() {
        OperatorError e = assertThrows(
                OperatorError.class, () -> MemberHome.at(dir.resolve("nothing")).identity());
        assertTrue(e.getMessage().contains("member init"), e.getMessage());
        OperatorError e2 =
                assertThrows(OperatorError.class, () -> MemberHome.at(dir).identity());
        assertTrue(e2.getMessage().contains("priv_validator_key.json is missing"), e2.getMessage());
    }

    @Test
    void appPropertiesAreTheAppsKeys() throws Exception {
        MemberHome home = MemberHome.at(dir);
        home.init(new MemberSettings("alice", "alice.example.com", 26656), AppProperties.defaults());
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(home.appProperties())) {
            p.load(r);
        }
        // the keys of the app's AppConfig (abci-app net.ledgerd.app.cli.AppConfig.DEFAULTS); it rejects any other key
        assertEquals(
                Map.of(
                        "abci.address",
                        "127.0.0.1:26658",
                        "abci.transport",
                        "socket",
                        "mongodb.uri",
                        "mongodb://127.0.0.1:27017",
                        "mongodb.database",
                        "bigchain",
                        "http.address",
                        "0.0.0.0:9984",
                        "tendermint.rpc",
                        "http://127.0.0.1:26657"),
                Map.copyOf(p.stringPropertyNames().stream()
                        .collect(java.util.stream.Collectors.toMap(k -> k, p::getProperty))));
        AppProperties.update(home.appProperties(), Map.of("tendermint.rpc", "http://127.0.0.5:1234"));
        assertEquals(
                "http://127.0.0.5:1234",
                AppProperties.read(home.appProperties()).tendermintRpc());
        assertTrue(
                Files.readString(home.appProperties()).contains("# The BigchainDB-compatible HTTP API."),
                "comments kept");
    }

    @Test
    void settingsAreChecked() {
        assertThrows(OperatorError.class, () -> new MemberSettings("", "a.example.com", 26656));
        assertThrows(OperatorError.class, () -> new MemberSettings("tab\there", "a.example.com", 26656));
        assertThrows(OperatorError.class, () -> new MemberSettings("zoë", "a.example.com", 26656));
        assertThrows(OperatorError.class, () -> new MemberSettings("a", "not a host", 26656));
        assertThrows(OperatorError.class, () -> new MemberSettings("a", "a.example.com:26656", 26656));
        assertThrows(OperatorError.class, () -> new MemberSettings("a", "a.example.com", 0));
        assertThrows(OperatorError.class, () -> new MemberSettings("a", "300.1.1.1", 26656));
    }

    @Test
    void monikersWithPropertiesSyntaxRoundTrip() {
        MemberSettings s = new MemberSettings("a=b: #1 !x \\ y", "::1", 1);
        s.write(dir.resolve("m.properties"));
        assertEquals(s, MemberSettings.read(dir.resolve("m.properties")));
    }
}
