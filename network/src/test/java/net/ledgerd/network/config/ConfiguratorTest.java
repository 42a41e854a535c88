package net.ledgerd.network.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.SafeFiles;
import net.ledgerd.network.genesis.Genesis;
import net.ledgerd.network.genesis.GenesisAssembler;
import net.ledgerd.network.json.Json;
import net.ledgerd.network.member.AppProperties;
import net.ledgerd.network.member.MemberHome;
import net.ledgerd.network.member.MemberInfo;
import net.ledgerd.network.member.MemberSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguratorTest {
    @TempDir
    Path dir;

    private final List<MemberHome> homes = new ArrayList<>();
    private final List<Path> infos = new ArrayList<>();
    private Path genesis;

    /** n members on the given hosts, their info files, and a genesis of all of them. */
    private void network(String... hosts) {
        List<GenesisAssembler.Source> sources = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            MemberHome home = MemberHome.at(dir.resolve("m" + i));
            MemberInfo info = home.init(
                            new MemberSettings("member" + i, hosts[i], 26656 + 100 * i), AppProperties.defaults())
                    .info();
            Path file = dir.resolve("m" + i + ".json");
            SafeFiles.write(file, Json.pretty(info.toJson()), SafeFiles.PUBLIC);
            homes.add(home);
            infos.add(file);
            sources.add(new GenesisAssembler.Source(file.toString(), info));
        }
        Genesis g = new GenesisAssembler()
                .chainId("test-chain")
                .allowSmall(true)
                .allowSharedHost(true)
                .assemble(sources);
        genesis = dir.resolve("genesis.json");
        SafeFiles.write(genesis, g.render(), SafeFiles.PUBLIC);
    }

    private Configurator.Options options() {
        return new Configurator.Options(genesis, infos, null, null, null, null, null, null, null, false, Map.of());
    }

    private Map<String, Object> configure(int member, Configurator.Options o) throws IOException {
        new Configurator(homes.get(member)).configure(o);
        return Toml.read(Files.readString(homes.get(member).configToml()), "config.toml");
    }

    @Test
    void writesMonikerPeersAndBigchainDbSettings() throws IOException {
        network("a.example.com", "b.example.com", "c.example.com", "d.example.com");
        Map<String, Object> toml = configure(1, options());
        MemberInfo self = homes.get(1).identity().info();
        assertEquals("member1", toml.get("moniker"));
        List<String> peers = Arrays.asList(((String) toml.get("p2p.persistent_peers")).split(","));
        assertEquals(3, peers.size());
        for (int i : new int[] {0, 2, 3}) {
            assertTrue(peers.contains(homes.get(i).identity().info().peerAddress()), peers.toString());
        }
        assertFalse(peers.contains(self.peerAddress()), "a member is not its own peer");
        assertEquals(false, toml.get("consensus.create_empty_blocks"));
        assertEquals(false, toml.get("mempool.recheck"));
        assertEquals("600ms", toml.get("consensus.timeout_commit"));
        assertEquals("20ms", toml.get("p2p.flush_throttle_timeout"));
        assertEquals("20ms", toml.get("consensus.peer_gossip_sleep_duration"));
        assertEquals(102400000L, toml.get("p2p.send_rate"));
        assertEquals(102400000L, toml.get("p2p.recv_rate"));
        assertEquals("main:info,state:info,*:error", toml.get("log_level"));
        assertEquals("tcp://0.0.0.0:26756", toml.get("p2p.laddr"));
        assertEquals("tcp://0.0.0.0:26657", toml.get("rpc.laddr"));
        assertEquals("tcp://127.0.0.1:26658", toml.get("proxy_app"));
        assertEquals(true, toml.get("p2p.addr_book_strict"), "public hosts");
        assertEquals(false, toml.get("p2p.allow_duplicate_ip"));
        assertEquals(73, toml.size(), "every key");
        assertEquals(
                Files.readString(genesis),
                Files.readString(homes.get(1).genesisFile()),
                "genesis copied byte for byte");
    }

    @Test
    void severalMembersOnOneMachine() throws IOException {
        network("127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14");
        Map<String, Object> toml = configure(2, options());
        assertEquals("tcp://127.0.0.13:26856", toml.get("p2p.laddr"));
        assertEquals("tcp://127.0.0.13:26657", toml.get("rpc.laddr"));
        assertEquals(false, toml.get("p2p.addr_book_strict"));
        assertEquals(true, toml.get("p2p.allow_duplicate_ip"), "they all connect from 127.0.0.1");
        assertEquals(
                "http://127.0.0.13:26657",
                AppProperties.read(homes.get(2).appProperties()).tendermintRpc());
    }

    @Test
    void privateAddressesAndSharedHosts() throws IOException {
        network("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.3");
        Map<String, Object> toml = configure(0, options());
        assertEquals(false, toml.get("p2p.addr_book_strict"));
        assertEquals(true, toml.get("p2p.allow_duplicate_ip"));
    }

    @Test
    void flagsWinOverDerivedValues() throws IOException {
        network("a.example.com", "b.example.com", "c.example.com", "d.example.com");
        Map<String, String> set = new LinkedHashMap<>();
        set.put("consensus.timeout_commit", "500ms");
        set.put("instrumentation.prometheus", "true");
        Map<String, Object> toml = configure(
                0,
                new Configurator.Options(
                        genesis,
                        infos,
                        "0.0.0.0:26656",
                        "127.0.0.1:36657",
                        "tcp://10.1.1.1:26658",
                        "info",
                        "a.example.com:26656",
                        false,
                        true,
                        false,
                        set));
        assertEquals("tcp://0.0.0.0:26656", toml.get("p2p.laddr"));
        assertEquals("tcp://127.0.0.1:36657", toml.get("rpc.laddr"));
        assertEquals("tcp://10.1.1.1:26658", toml.get("proxy_app"));
        assertEquals("info", toml.get("log_level"));
        assertEquals("tcp://a.example.com:26656", toml.get("p2p.external_address"));
        assertEquals(false, toml.get("p2p.addr_book_strict"));
        assertEquals(true, toml.get("p2p.allow_duplicate_ip"));
        assertEquals("500ms", toml.get("consensus.timeout_commit"));
        assertEquals(true, toml.get("instrumentation.prometheus"));
        assertEquals(
                "http://127.0.0.1:36657",
                AppProperties.read(homes.get(0).appProperties()).tendermintRpc());
    }

    @Test
    void badFlagValues() {
        network("a.example.com", "b.example.com", "c.example.com", "d.example.com");
        assertRefused(
                new Configurator.Options(
                        genesis, infos, null, null, "http://x:1", null, null, null, null, false, Map.of()),
                "--proxy-app must be");
        assertRefused(
                new Configurator.Options(
                        genesis, infos, null, null, null, "verbose", null, null, null, false, Map.of()),
                "--log-level 'verbose'");
        assertRefused(
                new Configurator.Options(
                        genesis, infos, null, null, null, "p2p:loud", null, null, null, false, Map.of()),
                "--log-level");
        assertRefused(
                new Configurator.Options(
                        genesis,
                        infos,
                        "0.0.0.0:26656",
                        "127.0.0.1:26656",
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        Map.of()),
                "same port");
        assertRefused(
                new Configurator.Options(genesis, infos, "nohost", null, null, null, null, null, null, false, Map.of()),
                "HOST:PORT");
        assertRefused(
                new Configurator.Options(
                        genesis, infos, null, null, null, null, null, null, null, false, Map.of("p2p.nope", "1")),
                "not a Tendermint 0.31.5 config.toml key");
    }

    @Test
    void aGenesisWithoutThisMembersKeyIsRefusedUnlessNonValidator() throws IOException {
        network("a.example.com", "b.example.com");
        MemberHome outsider = MemberHome.at(dir.resolve("outsider"));
        outsider.init(new MemberSettings("outsider", "o.example.com", 26656), AppProperties.defaults());
        OperatorError e = assertThrows(OperatorError.class, () -> new Configurator(outsider).configure(options()));
        assertTrue(e.getMessage().contains("does not list this member's validator key"), e.getMessage());
        new Configurator(outsider)
                .configure(new Configurator.Options(
                        genesis, infos, null, null, null, null, null, null, null, true, Map.of()));
        assertEquals(
                2,
                ((String) Toml.read(Files.readString(outsider.configToml()), "config.toml")
                                .get("p2p.persistent_peers"))
                        .split(",")
                        .length);
    }

    @Test
    void peersThatCollideOrImpersonateAreRefused() throws IOException {
        network("a.example.com", "b.example.com", "c.example.com", "d.example.com");
        List<Path> twice = new ArrayList<>(infos);
        twice.add(infos.get(2));
        assertRefused(
                new Configurator.Options(genesis, twice, null, null, null, null, null, null, null, false, Map.of()),
                "is in both");

        // a file with this member's node id but other content
        String own = Files.readString(infos.get(0));
        Path forged = dir.resolve("forged.json");
        Files.writeString(forged, own.replace("\"a.example.com\"", "\"evil.example.com\""));
        assertRefused(
                new Configurator.Options(
                        genesis,
                        List.of(forged, infos.get(1)),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        Map.of()),
                "has this member's node id");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"moniker\": 1}");
        assertRefused(
                new Configurator.Options(
                        genesis, List.of(broken), null, null, null, null, null, null, null, false, Map.of()),
                "broken.json");
    }

    @Test
    void noPeersWhileOtherValidatorsExistIsRefused() {
        network("a.example.com", "b.example.com");
        assertRefused(
                new Configurator.Options(genesis, List.of(), null, null, null, null, null, null, null, false, Map.of()),
                "no peers");
    }

    @Test
    void aSingleValidatorNeedsNoPeers() throws IOException {
        network("127.0.0.1");
        Map<String, Object> toml = configure(
                0,
                new Configurator.Options(
                        genesis, List.of(), null, null, null, null, null, null, null, false, Map.of()));
        assertEquals("", toml.get("p2p.persistent_peers"));
    }

    @Test
    void genesisOfAStartedChainIsNotReplaced() throws IOException {
        network("a.example.com", "b.example.com", "c.example.com", "d.example.com");
        configure(0, options());
        configure(0, options()); // same genesis again: fine
        Files.createDirectories(homes.get(0).dataDir().resolve("blockstore.db"));
        Genesis other = new GenesisAssembler()
                .chainId("other-chain")
                .allowSmall(true)
                .assemble(List.of(
                        new GenesisAssembler.Source("x", homes.get(0).identity().info())));
        Path otherFile = dir.resolve("other.json");
        SafeFiles.write(otherFile, other.render(), SafeFiles.PUBLIC);
        OperatorError e = assertThrows(
                OperatorError.class,
                () -> new Configurator(homes.get(0))
                        .configure(new Configurator.Options(
                                otherFile, List.of(), null, null, null, null, null, null, null, false, Map.of())));
        assertTrue(e.getMessage().contains("already holds blocks of chain 'test-chain'"), e.getMessage());
        assertEquals(Files.readString(genesis), Files.readString(homes.get(0).genesisFile()));
    }

    @Test
    void aBadGenesisIsRefused() throws IOException {
        network("a.example.com", "b.example.com");
        Files.writeString(genesis, Files.readString(genesis).replace("\"power\": \"10\"", "\"power\": 10"));
        assertRefused(options(), "quoted number");
    }

    private void assertRefused(Configurator.Options o, String expected) {
        OperatorError e = assertThrows(OperatorError.class, () -> new Configurator(homes.get(0)).configure(o));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
