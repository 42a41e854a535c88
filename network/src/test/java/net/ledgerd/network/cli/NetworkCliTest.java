package net.ledgerd.network.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.ledgerd.network.NetworkCli;
import net.ledgerd.network.config.TendermintConfig;
import net.ledgerd.network.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkCliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NetworkCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpEverywhere() {
        for (List<String> cmd : List.<List<String>>of(
                List.of(),
                List.of("member"),
                List.of("member", "init"),
                List.of("member", "info"),
                List.of("member", "configure"),
                List.of("genesis"))) {
            List<String> args = new ArrayList<>(cmd);
            args.add("--help");
            Run r = cli(args.toArray(String[]::new));
            assertEquals(0, r.code(), args.toString());
            assertTrue(r.out().contains("Usage: ledgerd-network"), r.out());
        }
        assertTrue(cli("help", "genesis").out().contains("--allow-small"));
        assertTrue(cli("--version").out().contains("ledgerd-network"));
    }

    @Test
    void usageErrorsExitTwoAndSayWhatIsMissing() {
        Run r = cli("member", "init", "--home", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Missing required option: '--moniker=NAME'"), r.err());
        assertEquals(2, cli().code());
        assertEquals(2, cli("member").code());
        assertEquals(2, cli("genesis", "--chain-id", "x").code());
        assertEquals(
                2,
                cli("member", "init", "--home", "h", "--moniker", "m", "--p2p-port", "many")
                        .code());
    }

    @Test
    void theWholeMemberWorkflow() throws Exception {
        List<String> infoFiles = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Path home = dir.resolve("m" + i);
            Run init = cli(
                    "member",
                    "init",
                    "--home",
                    home.toString(),
                    "--moniker",
                    "member" + i,
                    "--hostname",
                    "m" + i + ".example.com");
            assertEquals(0, init.code(), init.err());
            assertTrue(init.out().contains("created member home"));
            Path info = dir.resolve("m" + i + ".json");
            assertEquals(
                    0,
                    cli("member", "info", "--home", home.toString(), "--out", info.toString())
                            .code());
            infoFiles.add(info.toString());
        }
        Run info = cli("member", "info", "--home", dir.resolve("m1").toString());
        JsonNode json = Json.parse(info.out(), "stdout");
        assertEquals("m1.example.com", json.get("hostname").asText());
        assertEquals(info.out(), Files.readString(dir.resolve("m1.json")));

        List<String> genesisArgs = new ArrayList<>(List.of(
                "genesis",
                "--chain-id",
                "ledgerd-test",
                "--out",
                dir.resolve("genesis.json").toString(),
                "--member"));
        genesisArgs.addAll(infoFiles);
        Run genesis = cli(genesisArgs.toArray(String[]::new));
        assertEquals(0, genesis.code(), genesis.err());
        assertEquals(1, cli(genesisArgs.toArray(String[]::new)).code(), "refuses to overwrite --out");
        genesisArgs.add("--force");
        assertEquals(0, cli(genesisArgs.toArray(String[]::new)).code());

        // --member repeated works as well as one --member with several files
        Run repeated = cli(
                "genesis",
                "--chain-id",
                "x",
                "--member",
                infoFiles.get(0),
                "--member",
                infoFiles.get(1),
                "--member",
                infoFiles.get(2),
                "--member",
                infoFiles.get(3));
        assertEquals(0, repeated.code(), repeated.err());
        assertEquals(4, Json.parse(repeated.out(), "genesis").get("validators").size());

        List<String> configure = new ArrayList<>(List.of(
                "member",
                "configure",
                "--home",
                dir.resolve("m2").toString(),
                "--genesis",
                dir.resolve("genesis.json").toString(),
                "--log-level",
                "info",
                "--set",
                "consensus.timeout_commit=2s",
                "--peers"));
        configure.addAll(infoFiles);
        Run conf = cli(configure.toArray(String[]::new));
        assertEquals(0, conf.code(), conf.err());
        assertTrue(conf.out().contains("persistent_peers: "), conf.out());
        TendermintConfig written = TendermintConfig.read(dir.resolve("m2/config/config.toml"));
        assertEquals("2s", written.get("consensus.timeout_commit"));
        assertEquals("info", written.get("log_level"));
    }

    @Test
    void refusalsExitOneWithAMessage() throws Exception {
        Path home = dir.resolve("m");
        assertEquals(
                0,
                cli("member", "init", "--home", home.toString(), "--moniker", "a", "--hostname", "a.example.com")
                        .code());
        Run again = cli("member", "init", "--home", home.toString(), "--moniker", "a", "--hostname", "a.example.com");
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("error: ") && again.err().contains("refusing to overwrite"), again.err());
        assertEquals(
                0,
                cli("member", "init", "--home", home.toString(), "--moniker", "a", "--if-missing")
                        .code());

        assertEquals(
                0,
                cli(
                                "member",
                                "info",
                                "--home",
                                home.toString(),
                                "--out",
                                dir.resolve("a.json").toString())
                        .code());
        Run small = cli(
                "genesis", "--chain-id", "c", "--member", dir.resolve("a.json").toString());
        assertEquals(1, small.code());
        assertTrue(small.err().contains("--allow-small"), small.err());
        assertEquals(
                0,
                cli(
                                "genesis",
                                "--chain-id",
                                "c",
                                "--allow-small",
                                "--member",
                                dir.resolve("a.json").toString())
                        .code());

        Run badTime = cli(
                "genesis",
                "--chain-id",
                "c",
                "--allow-small",
                "--genesis-time",
                "yesterday",
                "--member",
                dir.resolve("a.json").toString());
        assertEquals(1, badTime.code());
        assertTrue(badTime.err().contains("RFC 3339"));

        Files.writeString(dir.resolve("bad.json"), "{\"moniker\": \"b\"}");
        Run bad = cli(
                "genesis",
                "--chain-id",
                "c",
                "--allow-small",
                "--member",
                dir.resolve("bad.json").toString(),
                "--member",
                dir.resolve("nope.json").toString());
        assertEquals(1, bad.code());
        assertTrue(
                bad.err().contains("'hostname' is missing") && bad.err().contains("nope.json does not exist"),
                bad.err());

        Run noHome = cli("member", "info", "--home", dir.resolve("nothing").toString());
        assertEquals(1, noHome.code());
        assertFalse(noHome.err().contains("Exception"), noHome.err());
    }
}
