package net.ledgerd.network.member;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import net.ledgerd.network.Checks;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.json.Json;
import net.ledgerd.network.keys.Ed25519Key;
import net.ledgerd.network.keys.KeyFiles;

/**
 * What one member shares with the others (BigchainDB's network setup: hostname, validator pub_key, node_id), as
 * printed by {@code member info}:
 * <pre>
 * {
 *   "moniker": "alice",
 *   "hostname": "alice.example.com",
 *   "p2p_port": 26656,
 *   "node_id": "&lt;40 lower-case hex: first 20 bytes of SHA-256 of node_pub_key&gt;",
 *   "node_pub_key": "&lt;base64 of the 32-byte p2p public key&gt;",
 *   "pub_key": "&lt;base64 of the 32-byte validator public key&gt;",
 *   "address": "&lt;40 upper-case hex: first 20 bytes of SHA-256 of pub_key&gt;"
 * }
 * </pre>
 * On reading, pub_key may also be Tendermint's {"type": "tendermint/PubKeyEd25519", "value": ...} (the output of
 * {@code tendermint show_validator}), and node_pub_key may be left out (node_id then cannot be checked).
 */
public record MemberInfo(
        String moniker, String hostname, int p2pPort, String nodeId, byte[] nodePubKey, byte[] pubKey, String address) {
    private static final Set<String> FIELDS =
            Set.of("moniker", "hostname", "p2p_port", "node_id", "node_pub_key", "pub_key", "address");

    public static MemberInfo of(MemberSettings settings, Ed25519Key validatorKey, Ed25519Key nodeKey) {
        return new MemberInfo(
                settings.moniker(),
                settings.hostname(),
                settings.p2pPort(),
                nodeKey.nodeId(),
                nodeKey.publicKey(),
                validatorKey.publicKey(),
                validatorKey.address());
    }

    public String pubKeyBase64() {
        return Base64.getEncoder().encodeToString(pubKey);
    }

    /** id@host:port, as in Tendermint's persistent_peers. */
    public String peerAddress() {
        return nodeId + "@" + Checks.hostPort(hostname, p2pPort);
    }

    public String endpoint() {
        return Checks.hostPort(hostname, p2pPort);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("moniker", moniker);
        node.put("hostname", hostname);
        node.put("p2p_port", p2pPort);
        node.put("node_id", nodeId);
        if (nodePubKey != null) {
            node.put("node_pub_key", Base64.getEncoder().encodeToString(nodePubKey));
        }
        node.put("pub_key", pubKeyBase64());
        node.put("address", address);
        return node;
    }

    public static MemberInfo read(Path file) {
        return parse(Json.read(file), file.toString());
    }

    /**
     * Parses and checks one member's info; every problem found is reported at once, each prefixed by {@code source}.
     */
    public static MemberInfo parse(JsonNode root, String source) {
        if (!root.isObject()) {
            throw new OperatorError(
                    source + ": member info must be a JSON object (the output of `ledgerd-network member info`)");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                problems.add("unknown field '" + name + "'");
            }
        }
        String moniker = text(root, "moniker", problems);
        String hostname = text(root, "hostname", problems);
        String nodeId = text(root, "node_id", problems);
        String address = text(root, "address", problems);
        int port = 0;
        JsonNode portNode = root.get("p2p_port");
        if (portNode == null) {
            problems.add("'p2p_port' is missing");
        } else if (!portNode.canConvertToExactIntegral() || portNode.asInt() < 1 || portNode.asInt() > 65535) {
            problems.add("'p2p_port' must be a port number 1..65535, got " + portNode);
        } else {
            port = portNode.asInt();
        }
        check(problems, () -> Checks.moniker(moniker), moniker);
        check(problems, () -> Checks.hostname(hostname), hostname);
        check(problems, () -> Checks.nodeId(nodeId, "node_id"), nodeId);
        check(problems, () -> Checks.address(address, "address"), address);

        byte[] pubKey = null;
        JsonNode pubNode = root.get("pub_key");
        try {
            if (pubNode == null) {
                problems.add("'pub_key' is missing");
            } else if (pubNode.isObject()) {
                pubKey = KeyFiles.decodeTyped(pubNode, KeyFiles.PUB_KEY_TYPE, Ed25519Key.PUBLIC_KEY_BYTES, "pub_key");
            } else {
                pubKey = KeyFiles.decodeBase64(pubNode.asText(), Ed25519Key.PUBLIC_KEY_BYTES, "pub_key");
            }
        } catch (OperatorError e) {
            problems.add(e.getMessage());
        }
        if (pubKey != null && address != null && !Ed25519Key.addressOf(pubKey).equals(address)) {
            problems.add("address " + address + " does not match pub_key (its address is "
                    + Ed25519Key.addressOf(pubKey) + ")");
        }

        byte[] nodePubKey = null;
        JsonNode nodePubNode = root.get("node_pub_key");
        if (nodePubNode != null) {
            try {
                nodePubKey = KeyFiles.decodeBase64(nodePubNode.asText(), Ed25519Key.PUBLIC_KEY_BYTES, "node_pub_key");
                if (nodeId != null && !Ed25519Key.nodeIdOf(nodePubKey).equals(nodeId)) {
                    problems.add("node_id " + nodeId + " does not match node_pub_key (its node id is "
                            + Ed25519Key.nodeIdOf(nodePubKey) + ")");
                }
            } catch (OperatorError e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new OperatorError(source + ": " + String.join("; ", problems));
        }
        return new MemberInfo(moniker, hostname, port, nodeId, nodePubKey, pubKey, address);
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add("'" + field + "' is missing");
            return null;
        }
        if (!node.isTextual()) {
            problems.add("'" + field + "' must be a string, got " + node);
            return null;
        }
        return node.asText();
    }

    private static void check(List<String> problems, Runnable check, String value) {
        if (value == null) {
            return;
        }
        try {
            check.run();
        } catch (OperatorError e) {
            problems.add(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberInfo m
                && m.moniker.equals(moniker)
                && m.hostname.equals(hostname)
                && m.p2pPort == p2pPort
                && m.nodeId.equals(nodeId)
                && java.util.Arrays.equals(m.nodePubKey, nodePubKey)
                && java.util.Arrays.equals(m.pubKey, pubKey)
                && m.address.equals(address);
    }

    @Override
    public int hashCode() {
        return nodeId.hashCode();
    }

    @Override
    public String toString() {
        return moniker + " (" + peerAddress() + ", validator " + address + ")";
    }
}
