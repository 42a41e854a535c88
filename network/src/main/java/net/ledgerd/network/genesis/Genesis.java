package net.ledgerd.network.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.ledgerd.network.OperatorError;
import net.ledgerd.network.json.Json;
import net.ledgerd.network.keys.Ed25519Key;
import net.ledgerd.network.keys.KeyFiles;

/**
 * Tendermint 0.31.5's genesis.json (types.GenesisDoc) in its amino JSON form, where every int64 is a quoted string:
 * <pre>
 * {
 *   "genesis_time": "2019-01-01T00:00:00.000Z",
 *   "chain_id": "...",
 *   "consensus_params": {
 *     "block": {"max_bytes": "22020096", "max_gas": "-1", "time_iota_ms": "1000"},
 *     "evidence": {"max_age": "100000"},
 *     "validator": {"pub_key_types": ["ed25519"]}
 *   },
 *   "validators": [{"address": "...", "pub_key": {"type": "tendermint/PubKeyEd25519", "value": "..."}, "power": "10", "name": "..."}],
 *   "app_hash": ""
 * }
 * </pre>
 */
public record Genesis(
        String genesisTime,
        String chainId,
        ConsensusParams consensusParams,
        List<Validator> validators,
        String appHash) {
    /** Tendermint 0.31.5 types.MaxTotalVotingPower: the largest int64 divided by 8. */
    public static final long MAX_TOTAL_VOTING_POWER = Long.MAX_VALUE / 8;
    /** Tendermint 0.31.5 types.MaxBlockSizeBytes. */
    public static final long MAX_BLOCK_SIZE_BYTES = 104857600;

    public static final int MAX_CHAIN_ID_LENGTH = 50;

    public record Validator(String address, byte[] pubKey, long power, String name) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Validator v
                    && v.address.equals(address)
                    && Arrays.equals(v.pubKey, pubKey)
                    && v.power == power
                    && v.name.equals(name);
        }

        @Override
        public int hashCode() {
            return address.hashCode();
        }
    }

    /** The consensus parameters genesis can set. */
    public record ConsensusParams(
            long blockMaxBytes, long blockMaxGas, long blockTimeIotaMs, long evidenceMaxAge, List<String> pubKeyTypes) {
        /** Tendermint 0.31.5's defaults (types.DefaultConsensusParams), which BigchainDB 2.2.2 networks use. */
        public static ConsensusParams defaults() {
            return new ConsensusParams(22020096, -1, 1000, 100000, List.of("ed25519"));
        }
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("genesis_time", genesisTime);
        root.put("chain_id", chainId);
        ObjectNode params = root.putObject("consensus_params");
        ObjectNode block = params.putObject("block");
        block.put("max_bytes", Long.toString(consensusParams.blockMaxBytes));
        block.put("max_gas", Long.toString(consensusParams.blockMaxGas));
        block.put("time_iota_ms", Long.toString(consensusParams.blockTimeIotaMs));
        params.putObject("evidence").put("max_age", Long.toString(consensusParams.evidenceMaxAge));
        ArrayNode types = params.putObject("validator").putArray("pub_key_types");
        consensusParams.pubKeyTypes.forEach(types::add);
        ArrayNode vals = root.putArray("validators");
        for (Validator v : validators) {
            ObjectNode n = vals.addObject();
            n.put("address", v.address);
            n.set("pub_key", KeyFiles.publicKeyJson(v.pubKey));
            n.put("power", Long.toString(v.power));
            n.put("name", v.name);
        }
        root.put("app_hash", appHash);
        return root;
    }

    public String render() {
        return Json.pretty(toJson());
    }

    public long totalPower() {
        return validators.stream().mapToLong(Validator::power).sum();
    }

    public static Genesis read(Path file) {
        return parse(Json.read(file), file.toString());
    }

    /**
     * Parses a genesis.json and applies the checks Tendermint 0.31.5 applies when it loads one
     * (types.GenesisDoc.ValidateAndComplete, ConsensusParams.Validate), with every problem reported at once.
     * consensus_params may be absent (Tendermint then uses its defaults); so may a validator's address.
     */
    public static Genesis parse(JsonNode root, String source) {
        if (!root.isObject()) {
            throw new OperatorError(source + ": genesis must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        String time = root.path("genesis_time").asText("");
        if (time.isEmpty()) {
            problems.add("genesis_time is missing");
        } else {
            try {
                Instant.parse(time);
            } catch (DateTimeParseException e) {
                problems.add("genesis_time '" + time + "' is not an RFC 3339 time such as 2019-01-01T00:00:00Z");
            }
        }
        String chainId = root.path("chain_id").asText("");
        if (chainId.isEmpty()) {
            problems.add("chain_id is missing or empty");
        } else if (chainId.length() > MAX_CHAIN_ID_LENGTH) {
            problems.add("chain_id is longer than " + MAX_CHAIN_ID_LENGTH + " characters");
        }
        ConsensusParams params = ConsensusParams.defaults();
        JsonNode p = root.get("consensus_params");
        if (p != null && !p.isNull()) {
            params = new ConsensusParams(
                    int64(p.path("block").get("max_bytes"), "consensus_params.block.max_bytes", problems),
                    int64(p.path("block").get("max_gas"), "consensus_params.block.max_gas", problems),
                    int64(p.path("block").get("time_iota_ms"), "consensus_params.block.time_iota_ms", problems),
                    int64(p.path("evidence").get("max_age"), "consensus_params.evidence.max_age", problems),
                    strings(p.path("validator").get("pub_key_types"), problems));
            if (params.blockMaxBytes <= 0 || params.blockMaxBytes > MAX_BLOCK_SIZE_BYTES) {
                problems.add("consensus_params.block.max_bytes must be 1.." + MAX_BLOCK_SIZE_BYTES);
            }
            if (params.blockMaxGas < -1) {
                problems.add("consensus_params.block.max_gas must be -1 (no limit) or more");
            }
            if (params.blockTimeIotaMs <= 0) {
                problems.add("consensus_params.block.time_iota_ms must be positive");
            }
            if (params.evidenceMaxAge <= 0) {
                problems.add("consensus_params.evidence.max_age must be positive");
            }
            if (params.pubKeyTypes.isEmpty() || !params.pubKeyTypes.contains("ed25519")) {
                problems.add("consensus_params.validator.pub_key_types must include \"ed25519\"");
            }
        }
        List<Validator> validators = new ArrayList<>();
        JsonNode vals = root.get("validators");
        if (vals == null || !vals.isArray() || vals.isEmpty()) {
            problems.add("validators is missing or empty");
        } else {
            for (int i = 0; i < vals.size(); i++) {
                JsonNode v = vals.get(i);
                String where = "validators[" + i + "]";
                try {
                    byte[] pub = KeyFiles.decodeTyped(
                            v.path("pub_key"), KeyFiles.PUB_KEY_TYPE, Ed25519Key.PUBLIC_KEY_BYTES, where + ".pub_key");
                    String expected = Ed25519Key.addressOf(pub);
                    String address = v.path("address").asText("");
                    if (!address.isEmpty() && !address.equals(expected)) {
                        problems.add(where + ".address " + address + " does not match its pub_key (expected " + expected
                                + ")");
                    }
                    long power = int64(v.get("power"), where + ".power", problems);
                    if (power <= 0) {
                        problems.add(where + ".power must be positive");
                    }
                    validators.add(
                            new Validator(expected, pub, power, v.path("name").asText("")));
                } catch (OperatorError e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (problems.isEmpty()) {
            Genesis genesis = new Genesis(
                    time, chainId, params, validators, root.path("app_hash").asText(""));
            if (genesis.totalPower() > MAX_TOTAL_VOTING_POWER || genesis.totalPower() < 0) {
                problems.add("total voting power exceeds " + MAX_TOTAL_VOTING_POWER);
            } else {
                return genesis;
            }
        }
        throw new OperatorError(source + ": " + String.join("; ", problems));
    }

    /** Amino JSON writes int64 as a quoted decimal string; Tendermint 0.31.5 rejects a bare number. */
    private static long int64(JsonNode node, String what, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add(what + " is missing");
            return 0;
        }
        if (!node.isTextual()) {
            problems.add(what + " must be a quoted number such as \"" + node.asText()
                    + "\" (Tendermint 0.31.5 reads 64-bit integers only as strings)");
            return 0;
        }
        try {
            return Long.parseLong(node.asText());
        } catch (NumberFormatException e) {
            problems.add(what + " '" + node.asText() + "' is not an integer");
            return 0;
        }
    }

    private static List<String> strings(JsonNode node, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (node == null || !node.isArray()) {
            problems.add("consensus_params.validator.pub_key_types must be an array");
            return out;
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
