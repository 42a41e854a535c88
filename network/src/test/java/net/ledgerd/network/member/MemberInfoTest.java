package net.ledgerd.network.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.function.Consumer;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.json.Json;
import net.ledgerd.network.keys.Ed25519Key;
import net.ledgerd.network.keys.KeyFiles;
import org.junit.jupiter.api.Test;

class MemberInfoTest {
    private final Ed25519Key validator = Ed25519Key.generate();
    private final Ed25519Key node = Ed25519Key.generate();
    private final MemberInfo info =
            MemberInfo.of(new MemberSettings("alice", "alice.example.com", 26656), validator, node);

    @Test
    void roundTrips() {
        assertEquals(info, MemberInfo.parse(Json.parse(Json.pretty(info.toJson()), "x"), "x"));
        assertEquals(node.nodeId() + "@alice.example.com:26656", info.peerAddress());
    }

    @Test
    void acceptsTendermintsTypedPubKeyAndNoNodePubKey() {
        ObjectNode json = info.toJson();
        json.set("pub_key", KeyFiles.publicKeyJson(validator.publicKey()));
        json.remove("node_pub_key");
        MemberInfo parsed = MemberInfo.parse(json, "x");
        assertEquals(validator.address(), parsed.address());
        assertNull(parsed.nodePubKey());
    }

    @Test
    void ipv6HostsAreBracketedInPeerAddresses() {
        MemberInfo v6 = MemberInfo.of(new MemberSettings("a", "2001:db8::1", 26656), validator, node);
        assertEquals(node.nodeId() + "@[2001:db8::1]:26656", v6.peerAddress());
    }

    @Test
    void malformedKeys() {
        refused(j -> j.put("pub_key", "not base64!"), "pub_key is not valid base64");
        refused(j -> j.put("pub_key", Base64.getEncoder().encodeToString(new byte[31])), "pub_key must be 32 bytes");
        refused(
                j -> j.set(
                        "pub_key",
                        Json.object().put("type", "tendermint/PubKeySecp256k1").put("value", "AAAA")),
                "only 'tendermint/PubKeyEd25519'");
        refused(
                j -> j.put("node_pub_key", Base64.getEncoder().encodeToString(new byte[33])),
                "node_pub_key must be 32 bytes");
    }

    @Test
    void addressAndNodeIdMustMatchTheirKeys() {
        refused(j -> j.put("address", Ed25519Key.generate().address()), "does not match pub_key");
        refused(j -> j.put("node_id", Ed25519Key.generate().nodeId()), "does not match node_pub_key");
        refused(j -> j.put("address", validator.address().toLowerCase()), "40 upper-case hex");
        refused(j -> j.put("node_id", "abc"), "40 lower-case hex");
    }

    @Test
    void otherFields() {
        refused(j -> j.remove("hostname"), "'hostname' is missing");
        refused(j -> j.put("hostname", "bad host"), "not a valid DNS name");
        refused(j -> j.put("p2p_port", 70000), "'p2p_port' must be a port number");
        refused(j -> j.put("p2p_port", "26656"), "'p2p_port' must be a port number");
        refused(j -> j.put("moniker", ""), "moniker is empty");
        refused(j -> j.put("p2p_prot", 1), "unknown field 'p2p_prot'");
    }

    @Test
    void everyProblemIsReportedAtOnceWithTheSource() {
        ObjectNode json = info.toJson();
        json.put("hostname", "bad host");
        json.put("address", Ed25519Key.generate().address());
        OperatorError e = assertThrows(OperatorError.class, () -> MemberInfo.parse(json, "bob.json"));
        assertTrue(e.getMessage().startsWith("bob.json: "), e.getMessage());
        assertTrue(
                e.getMessage().contains("DNS name") && e.getMessage().contains("does not match pub_key"),
                e.getMessage());
        assertTrue(assertThrows(OperatorError.class, () -> MemberInfo.parse(Json.parse("[]", "x"), "x"))
                .getMessage()
                .contains("JSON object"));
    }

    private void refused(Consumer<ObjectNode> change, String expected) {
        ObjectNode json = info.toJson();
        change.accept(json);
        OperatorError e = assertThrows(OperatorError.class, () -> MemberInfo.parse(json, "info.json"));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
