package net.ledgerd.tx.election;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a concluded VALIDATOR_ELECTION changes, as BigchainDB 2.2.2's {@code on_approval} computes
 * it: the next validator set ({@code new_validator_set}, keys in base64, validators of power 0
 * dropped) and the update for Tendermint ({@code encode_validator}).
 */
public final class ValidatorSetChange {
    private ValidatorSetChange() {}

    /** A validator as the {@code validators} collection holds it. */
    public record Member(String publicKeyBase64, long votingPower) {}

    /** The ValidatorUpdate for Tendermint: the 32 raw key bytes (type "ed25519") and the power. */
    public record Update(byte[] publicKey, long power) {}

    /**
     * The set after the election: the current members in their order, the elected key's power
     * replaced (or the key appended), then every member without positive power removed.
     *
     * @param electionData the election's {@code asset.data} (validated: public_key decodes to 32 bytes)
     */
    public static List<Member> next(List<Member> current, JsonNode electionData) {
        JsonNode pk = electionData.get("public_key");
        byte[] key = ValidatorKeyCodec.decode(
                        pk.get("type").textValue(), pk.get("value").textValue())
                .orElseThrow(() -> new IllegalArgumentException("the election's public key does not decode"));
        String base64 = Base64.getEncoder().encodeToString(key);
        Map<String, Member> merged = new LinkedHashMap<>();
        current.forEach(m -> merged.put(m.publicKeyBase64(), m));
        merged.put(base64, new Member(base64, power(electionData)));
        List<Member> result = new ArrayList<>();
        for (Member m : merged.values()) {
            if (m.votingPower() > 0) {
                result.add(m);
            }
        }
        return result;
    }

    /**
     * The ValidatorUpdate 2.2.2 returns: the key is read as hex ({@code bytes.fromhex}), which is
     * what its CLI writes ({@code ed25519-base16}).
     *
     * @throws UnencodableElection for a key given in base32 or base64, or a power that is not an
     *     integer: 2.2.2's EndBlock raises there and the node stops
     */
    public static Update update(JsonNode electionData) throws UnencodableElection {
        JsonNode pk = electionData.get("public_key");
        String value = pk.get("value").textValue();
        byte[] key;
        try {
            key = HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new UnencodableElection(
                    "the elected public key '" + value + "' (" + pk.get("type").textValue()
                            + ") is not hex, which BigchainDB 2.2.2 needs to build the ValidatorUpdate");
        }
        return new Update(key, power(electionData));
    }

    private static long power(JsonNode electionData) {
        JsonNode p = electionData.get("power");
        if (!p.isIntegralNumber() || !p.canConvertToLong()) {
            throw new UnencodableElection("the election's power " + p + " is not a 64-bit integer");
        }
        return p.longValue();
    }

    /** A concluded election 2.2.2 cannot turn into a validator update (its EndBlock fails). */
    public static final class UnencodableElection extends RuntimeException {
        public UnencodableElection(String message) {
            super(message);
        }
    }
}
