package net.ledgerd.network.genesis;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.json.Json;
import net.ledgerd.network.keys.Ed25519Key;
import net.ledgerd.network.member.MemberInfo;
import net.ledgerd.network.member.MemberSettings;
import org.junit.jupiter.api.Test;

class GenesisAssemblerTest {
    static MemberInfo member(String name, String host, int port) {
        return MemberInfo.of(new MemberSettings(name, host, port), Ed25519Key.generate(), Ed25519Key.generate());
    }

    static List<GenesisAssembler.Source> members(int n) {
        List<GenesisAssembler.Source> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new GenesisAssembler.Source(
                    "m" + i + ".json", member("member" + i, "m" + i + ".example.com", 26656)));
        }
        return out;
    }

    private static GenesisAssembler assembler() {
        return new GenesisAssembler().chainId("ledgerd-test").genesisTime(Instant.parse("2024-05-01T12:00:00.123Z"));
    }

    @Test
    void fourMembersMakeTendermintsGenesisShape() {
        List<GenesisAssembler.Source> m = members(4);
        JsonNode g = Json.parse(assembler().assemble(m).render(), "genesis");
        assertEquals("2024-05-01T12:00:00.123Z", g.get("genesis_time").asText());
        assertEquals("ledgerd-test", g.get("chain_id").asText());
        assertEquals(Json.parse("""
                {"block": {"max_bytes": "22020096", "max_gas": "-1", "time_iota_ms": "1000"},
                 "evidence": {"max_age": "100000"},
                 "validator": {"pub_key_types": ["ed25519"]}}""", "x"), g.get("consensus_params"));
        assertEquals(4, g.get("validators").size());
        for (int i = 0; i < 4; i++) {
            MemberInfo info = m.get(i).info();
            JsonNode v = g.get("validators").get(i);
            assertEquals(info.address(), v.get("address").asText());
            assertEquals("tendermint/PubKeyEd25519", v.at("/pub_key/type").asText());
            assertEquals(
                    Base64.getEncoder().encodeToString(info.pubKey()),
                    v.at("/pub_key/value").asText());
            assertTrue(v.get("power").isTextual(), "amino int64 is a string");
            assertEquals("10", v.get("power").asText());
            assertEquals(info.moniker(), v.get("name").asText());
        }
        assertEquals("", g.get("app_hash").asText());
        List<String> fields = new ArrayList<>();
        g.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("genesis_time", "chain_id", "consensus_params", "validators", "app_hash"), fields);
    }

    @Test
    void powerIsConfigurable() {
        Genesis g = assembler().power(7).assemble(members(5));
        assertEquals(35, g.totalPower());
        assertTrue(assertThrows(OperatorError.class, () -> assembler().power(0).assemble(members(4)))
                .getMessage()
                .contains("--power must be positive"));
        assertTrue(assertThrows(
                        OperatorError.class,
                        () -> assembler().power(Long.MAX_VALUE / 4).assemble(members(4)))
                .getMessage()
                .contains("total voting power"));
    }

    @Test
    void fewerThanFourMembersNeedAllowSmall() {
        OperatorError e = assertThrows(OperatorError.class, () -> assembler().assemble(members(3)));
        assertTrue(e.getMessage().contains("at least 4") && e.getMessage().contains("--allow-small"), e.getMessage());
        assertEquals(
                1,
                assembler().allowSmall(true).assemble(members(1)).validators().size());
        assertTrue(assertThrows(
                        OperatorError.class, () -> assembler().allowSmall(true).assemble(List.of()))
                .getMessage()
                .contains("no members"));
    }

    @Test
    void duplicatesAreRefusedNamingBothFiles() {
        List<GenesisAssembler.Source> m = members(4);
        m.add(new GenesisAssembler.Source("copy.json", m.get(0).info()));
        OperatorError e = assertThrows(OperatorError.class, () -> assembler().assemble(m));
        for (String what : List.of(
                "duplicate validator pub_key",
                "duplicate node_id",
                "duplicate moniker",
                "duplicate hostname",
                "duplicate p2p address")) {
            assertTrue(e.getMessage().contains(what), what + " in " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("m1.json and copy.json"), e.getMessage());
    }

    @Test
    void eachKindOfDuplicateOnItsOwn() {
        MemberInfo a = member("a", "a.example.com", 26656);
        List<GenesisAssembler.Source> base = members(3);

        MemberInfo sameKey = new MemberInfo(
                "b", "b.example.com", 26656, Ed25519Key.generate().nodeId(), null, a.pubKey(), a.address());
        assertDuplicate(base, a, sameKey, "validator pub_key");

        MemberInfo sameNode = new MemberInfo(
                "b",
                "b.example.com",
                26656,
                a.nodeId(),
                a.nodePubKey(),
                Ed25519Key.generate().publicKey(),
                null);
        sameNode = withAddress(sameNode);
        assertDuplicate(base, a, sameNode, "node_id");

        assertDuplicate(base, a, member("A", "b.example.com", 26656), "moniker");
        assertDuplicate(base, a, member("b", "A.example.com", 26657), "hostname");
    }

    @Test
    void sharedHostsNeedTheFlagAndDistinctPorts() {
        List<GenesisAssembler.Source> m = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            m.add(new GenesisAssembler.Source("m" + i, member("m" + i, "127.0.0.1", 26656 + 10 * i)));
        }
        assertThrows(OperatorError.class, () -> assembler().assemble(m));
        assertDoesNotThrow(() -> assembler().allowSharedHost(true).assemble(m));
        m.add(new GenesisAssembler.Source("m9", member("m9", "127.0.0.1", 26656)));
        assertTrue(assertThrows(
                        OperatorError.class,
                        () -> assembler().allowSharedHost(true).assemble(m))
                .getMessage()
                .contains("duplicate p2p address (hostname:p2p_port) '127.0.0.1:26656'"));
    }

    @Test
    void badChainIds() {
        for (String bad : List.of("", "has space", "x".repeat(51), "-leading", "ünïcode")) {
            OperatorError e = assertThrows(
                    OperatorError.class,
                    () -> new GenesisAssembler().chainId(bad).assemble(members(4)),
                    bad);
            assertTrue(e.getMessage().contains("chain id"), e.getMessage());
        }
        assertDoesNotThrow(() -> new GenesisAssembler().chainId("x".repeat(50)).assemble(members(4)));
    }

    @Test
    void parsingChecksWhatTendermintChecks() {
        Genesis g = assembler().assemble(members(4));
        assertEquals(g, Genesis.parse(g.toJson(), "g"));

        ObjectNode json = g.toJson();
        ((ObjectNode) json.get("validators").get(0)).put("power", 10);
        assertTrue(parseError(json).contains("quoted number"));

        json = g.toJson();
        ((ObjectNode) json.get("validators").get(1))
                .put("address", Ed25519Key.generate().address());
        assertTrue(parseError(json).contains("validators[1].address"));

        json = g.toJson();
        ((ObjectNode) json.get("validators").get(2)).put("power", "0");
        assertTrue(parseError(json).contains("power must be positive"));

        json = g.toJson();
        json.put("chain_id", "");
        assertTrue(parseError(json).contains("chain_id"));

        json = g.toJson();
        ((ObjectNode) json.at("/consensus_params/block")).put("max_bytes", "104857601");
        assertTrue(parseError(json).contains("max_bytes"));

        json = g.toJson();
        json.remove("consensus_params");
        ((ObjectNode) json.get("validators").get(0)).remove("address");
        assertEquals(
                Genesis.ConsensusParams.defaults(), Genesis.parse(json, "g").consensusParams());
    }

    private static String parseError(JsonNode json) {
        return assertThrows(OperatorError.class, () -> Genesis.parse(json, "g")).getMessage();
    }

    private static MemberInfo withAddress(MemberInfo m) {
        return new MemberInfo(
                m.moniker(),
                m.hostname(),
                m.p2pPort(),
                m.nodeId(),
                m.nodePubKey(),
                m.pubKey(),
                Ed25519Key.addressOf(m.pubKey()));
    }

    private static void assertDuplicate(List<GenesisAssembler.Source> base, MemberInfo a, MemberInfo b, String what) {
        List<GenesisAssembler.Source> m = new ArrayList<>(base);
        m.add(new GenesisAssembler.Source("a.json", a));
        m.add(new GenesisAssembler.Source("b.json", b));
        OperatorError e = assertThrows(OperatorError.class, () -> assembler().assemble(m));
        assertTrue(
                e.getMessage().contains("duplicate " + what) && e.getMessage().contains("a.json and b.json"),
                e.getMessage());
    }
}
