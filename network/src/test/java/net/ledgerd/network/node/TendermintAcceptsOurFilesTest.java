package net.ledgerd.network.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.ledgerd.network.NetworkCli;
import net.ledgerd.network.config.TendermintConfig;
import net.ledgerd.network.config.Toml;
import net.ledgerd.network.genesis.Genesis;
import net.ledgerd.network.json.Json;
import net.ledgerd.network.member.MemberHome;
import net.ledgerd.network.member.MemberInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Tendermint 0.31.5 (network/bin/setup builds it into .tools/bin) against the files this module writes:
 * it derives the same node id and validator key from our key files, its own defaults are the ones we render, and a
 * node (one alone, then four members on this machine) runs on our genesis.json and config.toml. Without the binary
 * these tests fail, naming network/bin/setup.
 */
class TendermintAcceptsOurFilesTest {
    @TempDir
    Path dir;

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NetworkCli.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, "ledgerd-network " + String.join(" ", args) + "\n" + out + err);
    }

    @Test
    void tendermintDerivesOurNodeIdAndValidatorKey() {
        for (int i = 0; i < 3; i++) {
            Path home = dir.resolve("m" + i);
            cli(
                    "member",
                    "init",
                    "--home",
                    home.toString(),
                    "--moniker",
                    "m" + i,
                    "--hostname",
                    "m" + i + ".example.com");
            MemberInfo info = MemberHome.at(home).identity().info();
            assertEquals(
                    info.nodeId(),
                    TendermintBinary.tendermint("show_node_id", "--home", home.toString())
                            .strip());
            JsonNode validator = Json.parse(
                    TendermintBinary.tendermint("show_validator", "--home", home.toString()), "show_validator");
            assertEquals("tendermint/PubKeyEd25519", validator.get("type").asText());
            assertEquals(
                    Base64.getEncoder().encodeToString(info.pubKey()),
                    validator.get("value").asText());
        }
    }

    @Test
    void ourDefaultsAreWhatTendermintInitWrites() throws Exception {
        Path home = dir.resolve("tm");
        TendermintBinary.tendermint("init", "--home", home.toString());
        Map<String, Object> theirs =
                Toml.read(Files.readString(home.resolve("config/config.toml")), "tendermint init's config.toml");
        Map<String, Object> ours = Toml.read(
                TendermintConfig.defaults()
                        .set("moniker", (String) theirs.get("moniker"))
                        .render(),
                "ours");
        assertEquals(List.copyOf(theirs.keySet()), List.copyOf(ours.keySet()));
        assertEquals(theirs, ours);
        Genesis theirGenesis = Genesis.read(home.resolve("config/genesis.json"));
        assertEquals(Genesis.ConsensusParams.defaults(), theirGenesis.consensusParams());
    }

    @Test
    void aSingleValidatorChainMakesBlocksOnOurGenesisAndConfig() throws Exception {
        Path home = dir.resolve("solo");
        int p2p = TendermintBinary.freePort();
        int rpc = TendermintBinary.freePort();
        cli(
                "member",
                "init",
                "--home",
                home.toString(),
                "--moniker",
                "solo",
                "--hostname",
                "127.0.0.1",
                "--p2p-port",
                String.valueOf(p2p));
        cli(
                "member",
                "info",
                "--home",
                home.toString(),
                "--out",
                dir.resolve("solo.json").toString());
        cli(
                "genesis",
                "--chain-id",
                "solo-chain",
                "--allow-small",
                "--member",
                dir.resolve("solo.json").toString(),
                "--out",
                dir.resolve("genesis.json").toString());
        cli(
                "member",
                "configure",
                "--home",
                home.toString(),
                "--genesis",
                dir.resolve("genesis.json").toString(),
                "--proxy-app",
                "kvstore",
                "--rpc-addr",
                "127.0.0.1:" + rpc);
        try (RunningNode node = RunningNode.start("solo", home, rpc)) {
            node.await("block height >= 1", Duration.ofSeconds(60), node::height, h -> h >= 1);
            JsonNode committed = node.broadcastTxCommit("colour=blue");
            assertEquals(0, committed.at("/check_tx/code").asInt(0), committed.toString());
            assertEquals(0, committed.at("/deliver_tx/code").asInt(0), committed.toString());
            assertEquals(
                    "solo-chain",
                    node.call("status", "").at("/node_info/network").asText());
        }
    }

    @Test
    void fourMembersOnThisMachineFormANetwork() throws Exception {
        int n = 4;
        List<Path> homes = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        int[] rpc = new int[n];
        for (int i = 0; i < n; i++) {
            Path home = dir.resolve("member" + i);
            rpc[i] = TendermintBinary.freePort();
            cli(
                    "member",
                    "init",
                    "--home",
                    home.toString(),
                    "--moniker",
                    "member" + i,
                    "--hostname",
                    "127.0.0.1",
                    "--p2p-port",
                    String.valueOf(TendermintBinary.freePort()));
            Path info = dir.resolve("member" + i + ".json");
            cli("member", "info", "--home", home.toString(), "--out", info.toString());
            homes.add(home);
            infos.add(info.toString());
        }
        List<String> genesis = new ArrayList<>(List.of(
                "genesis",
                "--chain-id",
                "four",
                "--allow-shared-host",
                "--out",
                dir.resolve("genesis.json").toString(),
                "--member"));
        genesis.addAll(infos);
        cli(genesis.toArray(String[]::new));
        for (int i = 0; i < n; i++) {
            List<String> configure = new ArrayList<>(List.of(
                    "member",
                    "configure",
                    "--home",
                    homes.get(i).toString(),
                    "--genesis",
                    dir.resolve("genesis.json").toString(),
                    "--proxy-app",
                    "kvstore",
                    "--rpc-addr",
                    "127.0.0.1:" + rpc[i],
                    "--set",
                    "consensus.timeout_commit=500ms",
                    "--peers"));
            configure.addAll(infos);
            cli(configure.toArray(String[]::new));
        }
        List<RunningNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                nodes.add(RunningNode.start("four-member" + i, homes.get(i), rpc[i]));
            }
            for (RunningNode node : nodes) {
                node.await("3 peers", Duration.ofSeconds(60), node::peers, p -> p == n - 1);
            }
            JsonNode committed = nodes.get(0).broadcastTxCommit("fruit=apple");
            assertEquals(0, committed.at("/deliver_tx/code").asInt(0), committed.toString());
            long height = committed.get("height").asLong();
            for (RunningNode node : nodes) {
                node.await("height " + height, Duration.ofSeconds(30), node::height, h -> h >= height);
                JsonNode value = node.query("fruit").at("/response/value");
                assertEquals("apple", new String(Base64.getDecoder().decode(value.asText())));
            }
        } finally {
            for (RunningNode node : nodes) {
                node.close();
            }
        }
    }
}
