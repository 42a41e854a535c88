package net.ledgerd.network.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.ledgerd.network.OperatorError;
import org.junit.jupiter.api.Test;

class TendermintConfigTest {
    static String resource(String name) throws IOException {
        try (InputStream in = TendermintConfigTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Our defaults, rendered, have exactly the keys and values of the config.toml `tendermint init` (0.31.5) writes. */
    @Test
    void defaultsAreTendermints() throws IOException {
        Map<String, Object> theirs = Toml.read(resource("tendermint-0.31.5-defaults.toml"), "defaults");
        Map<String, Object> ours = Toml.read(TendermintConfig.defaults().render(), "ours");
        assertEquals(List.copyOf(theirs.keySet()), List.copyOf(ours.keySet()), "same keys in the same order");
        assertEquals(theirs, ours);
        assertEquals(73, ours.size());
    }

    @Test
    void setChecksTypesAndRendersTomlValues() {
        TendermintConfig c = TendermintConfig.defaults()
                .set("moniker", "Alice's \"node\" \\ shop")
                .set("p2p.send_rate", 102400000L)
                .set("consensus.create_empty_blocks", false)
                .set("rpc.cors_allowed_origins", List.of("*"))
                .setText("consensus.timeout_commit", "500ms")
                .setText("mempool.size", "10000")
                .setText("rpc.cors_allowed_methods", "GET, POST");
        Map<String, Object> parsed = Toml.read(c.render(), "ours");
        assertEquals("Alice's \"node\" \\ shop", parsed.get("moniker"));
        assertEquals(102400000L, parsed.get("p2p.send_rate"));
        assertEquals(false, parsed.get("consensus.create_empty_blocks"));
        assertEquals(List.of("*"), parsed.get("rpc.cors_allowed_origins"));
        assertEquals("500ms", parsed.get("consensus.timeout_commit"));
        assertEquals(10000L, parsed.get("mempool.size"));
        assertEquals(List.of("GET", "POST"), parsed.get("rpc.cors_allowed_methods"));
        assertTrue(c.render().contains("\n[p2p]\n"));
    }

    @Test
    void badKeysAndValuesAreRefusedWithTheKeyNamed() {
        TendermintConfig c = TendermintConfig.defaults();
        assertTrue(assertThrows(OperatorError.class, () -> c.setText("consensus.timeout_comit", "1s"))
                .getMessage()
                .contains("not a Tendermint 0.31.5 config.toml key"));
        assertTrue(assertThrows(OperatorError.class, () -> c.setText("timeout_commit", "1s"))
                .getMessage()
                .contains("section.key"));
        assertTrue(assertThrows(OperatorError.class, () -> c.setText("consensus.timeout_commit", "1 second"))
                .getMessage()
                .contains("duration"));
        assertTrue(assertThrows(OperatorError.class, () -> c.setText("p2p.pex", "yes"))
                .getMessage()
                .contains("true or false"));
        assertTrue(assertThrows(OperatorError.class, () -> c.setText("mempool.size", "many"))
                .getMessage()
                .contains("integer"));
        assertThrows(IllegalArgumentException.class, () -> c.set("mempool.size", "5"));
        for (String ok : List.of("0", "1s", "1m30s", "1.5s", "250ms", "100us", "2h")) {
            c.setText("consensus.timeout_propose", ok);
        }
    }

    @Test
    void controlCharactersSurviveTheRoundTrip() {
        String odd = "a\nb\u0001'\"\\";
        TendermintConfig c = TendermintConfig.defaults().set("moniker", odd);
        assertEquals(odd, TendermintConfig.parse(c.render(), "ours").get("moniker"));
    }

    /** A file Tendermint wrote reads back as its defaults; an edited one keeps the edits. */
    @Test
    void parseReadsWhatTendermintAndWeWrite() throws IOException {
        TendermintConfig theirs = TendermintConfig.parse(resource("tendermint-0.31.5-defaults.toml"), "defaults");
        assertEquals(TendermintConfig.defaults().render(), theirs.render());
        TendermintConfig edited = TendermintConfig.defaults()
                .set("p2p.persistent_peers", "id@127.0.0.1:26656")
                .set("mempool.size", 7L)
                .set("rpc.cors_allowed_origins", List.of("*"));
        assertEquals(
                edited.render(), TendermintConfig.parse(edited.render(), "ours").render());
    }

    @Test
    void parseRefusesUnknownKeysWrongTypesAndBadSyntax() {
        assertTrue(assertThrows(OperatorError.class, () -> TendermintConfig.parse("[p2p]\nlad = \"x\"\n", "f.toml"))
                .getMessage()
                .contains("f.toml: 'p2p.lad' is not a Tendermint 0.31.5 config.toml key"));
        assertTrue(
                assertThrows(OperatorError.class, () -> TendermintConfig.parse("[mempool]\nsize = \"5\"\n", "f.toml"))
                        .getMessage()
                        .contains("mempool.size"));
        assertTrue(assertThrows(
                        OperatorError.class,
                        () -> TendermintConfig.parse("[consensus]\ntimeout_commit = \"soon\"\n", "f.toml"))
                .getMessage()
                .contains("consensus.timeout_commit must be a duration"));
        assertTrue(assertThrows(OperatorError.class, () -> TendermintConfig.parse("moniker = \n", "f.toml"))
                .getMessage()
                .contains("f.toml is not valid TOML"));
    }
}
