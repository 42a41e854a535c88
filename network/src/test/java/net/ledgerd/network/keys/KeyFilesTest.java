package net.ledgerd.network.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import net.ledgerd.network.OperatorError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void validatorKeyFileHasTendermintsShape() throws Exception {
        Ed25519Key key = Ed25519Key.generate();
        JsonNode root = JSON.readTree(KeyFiles.validatorKeyJson(key));
        assertEquals(List.of("address", "pub_key", "priv_key"), fieldNames(root));
        assertEquals(key.address(), root.get("address").asText());
        assertEquals("tendermint/PubKeyEd25519", root.at("/pub_key/type").asText());
        assertArrayEquals(
                key.publicKey(),
                Base64.getDecoder().decode(root.at("/pub_key/value").asText()));
        assertEquals("tendermint/PrivKeyEd25519", root.at("/priv_key/type").asText());
        assertArrayEquals(
                key.tendermintPrivateKey(),
                Base64.getDecoder().decode(root.at("/priv_key/value").asText()));
    }

    @Test
    void initialStateIsHeightZeroAsStrings() {
        assertEquals(
                "{\n  \"height\": \"0\",\n  \"round\": \"0\",\n  \"step\": 0\n}\n",
                KeyFiles.initialValidatorStateJson());
    }

    @Test
    void nodeKeyFileHoldsOnlyThePrivateKey() throws Exception {
        Ed25519Key key = Ed25519Key.generate();
        String json = KeyFiles.nodeKeyJson(key);
        assertEquals(
                "{\"priv_key\":{\"type\":\"tendermint/PrivKeyEd25519\",\"value\":\""
                        + Base64.getEncoder().encodeToString(key.tendermintPrivateKey()) + "\"}}",
                json);
    }

    @Test
    void filesRoundTripAndAreOwnerOnly() throws Exception {
        Ed25519Key validator = Ed25519Key.generate();
        Ed25519Key node = Ed25519Key.generate();
        KeyFiles.writeValidatorKey(dir.resolve("pv.json"), validator);
        KeyFiles.writeNodeKey(dir.resolve("nk.json"), node);
        KeyFiles.writeInitialValidatorState(dir.resolve("st.json"));
        assertEquals(
                validator.address(),
                KeyFiles.readValidatorKey(dir.resolve("pv.json")).address());
        assertEquals(node.nodeId(), KeyFiles.readNodeKey(dir.resolve("nk.json")).nodeId());
        for (String f : List.of("pv.json", "nk.json", "st.json")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))), f);
        }
    }

    @Test
    void readsAKeyFileWrittenByTendermintInit() throws Exception {
        Files.writeString(dir.resolve("pv.json"), """
                {
                  "address": "3C1800BA5747B20AAE426A4B84BA1F7FFF651A52",
                  "pub_key": {
                    "type": "tendermint/PubKeyEd25519",
                    "value": "Sakuj+OVpamkFfpCVDh+RUZupwpGMd1VQtVVzJB/5/w="
                  },
                  "priv_key": {
                    "type": "tendermint/PrivKeyEd25519",
                    "value": "QPbe0Ld1NgHOWWMgQw4jbUWcvcNIxme2PSEd6x4H14FJqS6P45WlqaQV+kJUOH5FRm6nCkYx3VVC1VXMkH/n/A=="
                  }
                }""");
        assertEquals(
                "3C1800BA5747B20AAE426A4B84BA1F7FFF651A52",
                KeyFiles.readValidatorKey(dir.resolve("pv.json")).address());
    }

    @Test
    void inconsistentOrMalformedKeyFilesAreRefusedWithTheReason() throws Exception {
        Ed25519Key key = Ed25519Key.generate();
        Path file = dir.resolve("pv.json");
        String good = KeyFiles.validatorKeyJson(key);

        Files.writeString(
                file, good.replace(key.address(), Ed25519Key.generate().address()));
        assertTrue(assertThrows(OperatorError.class, () -> KeyFiles.readValidatorKey(file))
                .getMessage()
                .contains("address"));

        Files.writeString(file, good.replace("tendermint/PrivKeyEd25519", "tendermint/PrivKeySecp256k1"));
        assertTrue(assertThrows(OperatorError.class, () -> KeyFiles.readValidatorKey(file))
                .getMessage()
                .contains("only 'tendermint/PrivKeyEd25519'"));

        String otherPub =
                Base64.getEncoder().encodeToString(Ed25519Key.generate().publicKey());
        Files.writeString(
                file, good.replace(Base64.getEncoder().encodeToString(key.publicKey()) + "\"", otherPub + "\""));
        assertTrue(assertThrows(OperatorError.class, () -> KeyFiles.readValidatorKey(file))
                .getMessage()
                .contains("pub_key is not"));

        Files.writeString(file, "{not json");
        assertTrue(assertThrows(OperatorError.class, () -> KeyFiles.readValidatorKey(file))
                .getMessage()
                .contains("not valid JSON"));

        assertTrue(assertThrows(OperatorError.class, () -> KeyFiles.readValidatorKey(dir.resolve("missing.json")))
                .getMessage()
                .contains("does not exist"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
