package net.ledgerd.network.election;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import net.ledgerd.network.OperatorError;
import net.ledgerd.tx.crypto.Base58;

/**
 * A validator set as elections use it: base58 public key to voting power, in the member's order. Read from {@code GET
 * /api/v1/validators}, which lists {@code {"public_key": {"type": "ed25519-base64", "value": B64}, "voting_power":
 * N}} as BigchainDB 2.2.2 does.
 */
public record ValidatorSet(Map<String, Long> powers) {
    public ValidatorSet {
        powers = Collections.unmodifiableMap(new LinkedHashMap<>(powers));
    }

    public static ValidatorSet fromApi(JsonNode list, String source) {
        if (!list.isArray()) {
            throw new OperatorError(source + " is not a list of validators: " + list);
        }
        Map<String, Long> powers = new LinkedHashMap<>();
        for (JsonNode v : list) {
            JsonNode key = v.path("public_key");
            long power = v.path("voting_power").asLong(-1);
            if (!key.path("value").isTextual() || power < 0) {
                throw new OperatorError(source + " lists a validator without public_key.value or voting_power: " + v);
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(key.path("value").asText());
            } catch (IllegalArgumentException e) {
                throw new OperatorError(source + " lists a public key that is not base64: " + key, e);
            }
            powers.put(Base58.encode(raw), power);
        }
        return new ValidatorSet(powers);
    }

    public long total() {
        return powers.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean contains(String publicKeyBase58) {
        return powers.containsKey(publicKeyBase58);
    }
}
