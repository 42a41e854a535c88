package net.ledgerd.network.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Base64;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.SafeFiles;
import net.ledgerd.network.json.Json;

/**
 * Tendermint 0.31.5's key files, in its amino JSON encoding:
 * <ul>
 * <li>{@code config/priv_validator_key.json}: address, pub_key and priv_key of the validator (privval.FilePVKey);</li>
 * <li>{@code data/priv_validator_state.json}: the last height/round/step signed, zero for a new validator;</li>
 * <li>{@code config/node_key.json}: the p2p identity key, whose public key's hash is the node id (p2p.NodeKey).</li>
 * </ul>
 * Keys are written {@code {"type": ..., "value": base64}}; 64-bit integers are JSON strings.
 */
public final class KeyFiles {
    public static final String PUB_KEY_TYPE = "tendermint/PubKeyEd25519";
    public static final String PRIV_KEY_TYPE = "tendermint/PrivKeyEd25519";

    private KeyFiles() {}

    public static String validatorKeyJson(Ed25519Key key) {
        ObjectNode root = Json.object();
        root.put("address", key.address());
        root.set("pub_key", publicKeyJson(key.publicKey()));
        root.set("priv_key", typed(PRIV_KEY_TYPE, key.tendermintPrivateKey()));
        return Json.pretty(root);
    }

    /** The state of a validator that has never signed: height "0", round "0", step 0. */
    public static String initialValidatorStateJson() {
        ObjectNode root = Json.object();
        root.put("height", "0");
        root.put("round", "0");
        root.put("step", 0);
        return Json.pretty(root);
    }

    public static String nodeKeyJson(Ed25519Key key) {
        ObjectNode root = Json.object();
        root.set("priv_key", typed(PRIV_KEY_TYPE, key.tendermintPrivateKey()));
        return Json.compact(root);
    }

    public static ObjectNode publicKeyJson(byte[] publicKey) {
        return typed(PUB_KEY_TYPE, publicKey);
    }

    public static void writeValidatorKey(Path file, Ed25519Key key) {
        SafeFiles.write(file, validatorKeyJson(key), SafeFiles.SECRET);
    }

    public static void writeInitialValidatorState(Path file) {
        SafeFiles.write(file, initialValidatorStateJson(), SafeFiles.SECRET);
    }

    public static void writeNodeKey(Path file, Ed25519Key key) {
        SafeFiles.write(file, nodeKeyJson(key), SafeFiles.SECRET);
    }

    /**
     * Reads priv_validator_key.json and checks it is self-consistent: the public key is the one the private key's
     * seed derives, and the address is the hash of that public key.
     */
    public static Ed25519Key readValidatorKey(Path file) {
        JsonNode root = Json.read(file);
        Ed25519Key key = privateKey(root.path("priv_key"), file);
        byte[] pub = decodeTyped(root.path("pub_key"), PUB_KEY_TYPE, Ed25519Key.PUBLIC_KEY_BYTES, file + ": pub_key");
        if (!java.util.Arrays.equals(pub, key.publicKey())) {
            throw new OperatorError(file + ": pub_key is not the public key of priv_key");
        }
        String address = root.path("address").asText("");
        if (!address.equals(key.address())) {
            throw new OperatorError(
                    file + ": address '" + address + "' does not match pub_key (expected " + key.address() + ")");
        }
        return key;
    }

    public static Ed25519Key readNodeKey(Path file) {
        return privateKey(Json.read(file).path("priv_key"), file);
    }

    private static Ed25519Key privateKey(JsonNode node, Path file) {
        byte[] bytes = decodeTyped(node, PRIV_KEY_TYPE, Ed25519Key.PRIVATE_KEY_BYTES, file + ": priv_key");
        try {
            return Ed25519Key.fromTendermintPrivateKey(bytes);
        } catch (IllegalArgumentException e) {
            throw new OperatorError(file + ": priv_key: " + e.getMessage());
        }
    }

    /** Decodes an amino {"type", "value"} key, checking its type and length. */
    public static byte[] decodeTyped(JsonNode node, String type, int length, String what) {
        if (!node.isObject()) {
            throw new OperatorError(
                    what + " is missing or not an object {\"type\": \"" + type + "\", \"value\": base64}");
        }
        String actualType = node.path("type").asText("");
        if (!type.equals(actualType)) {
            throw new OperatorError(
                    what + " has type '" + actualType + "'; only '" + type + "' (ed25519) is supported");
        }
        return decodeBase64(node.path("value").asText(""), length, what);
    }

    /** Decodes standard base64 of exactly {@code length} bytes. */
    public static byte[] decodeBase64(String text, int length, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new OperatorError(what + " is not valid base64: '" + text + "'");
        }
        if (bytes.length != length) {
            throw new OperatorError(
                    what + " must be " + length + " bytes (base64 of an ed25519 key), got " + bytes.length + " bytes");
        }
        return bytes;
    }

    private static ObjectNode typed(String type, byte[] bytes) {
        ObjectNode node = Json.object();
        node.put("type", type);
        node.put("value", Base64.getEncoder().encodeToString(bytes));
        return node;
    }
}
