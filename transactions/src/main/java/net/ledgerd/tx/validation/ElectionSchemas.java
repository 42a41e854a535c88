package net.ledgerd.tx.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import net.ledgerd.tx.election.ValidatorKeyCodec;
import net.ledgerd.tx.model.Operation;

/**
 * The schemas BigchainDB 2.2.2 adds for elections and votes ({@code
 * transaction_validator_election_v2.0.yaml}, {@code transaction_chain_migration_election_v2.0.yaml},
 * {@code transaction_vote_v2.0.yaml}), checked after the common and the CREATE (elections) or
 * TRANSFER (VOTE) schema, then {@code validate_asset_public_key} for a validator election.
 *
 * <p>As in 2.2.2: {@code power} is not checked by the schema (its {@code $ref} points at a
 * definition the file lacks, which rapidjson lets through); {@code asset.data} may be null as far as
 * the schema goes, but 2.2.2 then fails reading the public key, so a validator election without
 * data is refused here.
 */
public final class ElectionSchemas {
    private ElectionSchemas() {}

    /** The outputs' uri pattern of the three schemas: ed25519 conditions only (a search, {@code $} = end). */
    static final Pattern ED25519_URI = Pattern.compile("^ni:///sha-256;([a-zA-Z0-9_-]{0,86})[?]"
            + "(fpt=ed25519-sha-256(&)?|cost=[0-9]+(&)?|subtypes=ed25519-sha-256(&)?){2,3}\\z");

    private static final Set<String> VALIDATOR_DATA_KEYS = Set.of("node_id", "seed", "public_key", "power");
    private static final Set<String> PUBLIC_KEY_KEYS = Set.of("value", "type");
    private static final Set<String> KEY_TYPES =
            Set.of(ValidatorKeyCodec.BASE16, ValidatorKeyCodec.BASE32, ValidatorKeyCodec.BASE64);

    public static void validate(JsonNode tx, Operation op) throws ValidationException {
        JsonNode outputs = tx.get("outputs");
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode uri = outputs.get(i).get("condition").get("uri");
            if (!ED25519_URI.matcher(uri.textValue()).find()) {
                throw SchemaV2.fail(
                        "$.outputs[" + i + "].condition.uri",
                        SchemaV2.describe(uri) + " is not the uri of an ed25519-sha-256 condition; " + op
                                + " outputs are locked to one key each");
            }
        }
        JsonNode data = tx.get("asset").path("data");
        if (op == Operation.VALIDATOR_ELECTION) {
            validatorElectionData(data);
        } else if (op == Operation.CHAIN_MIGRATION_ELECTION && data.isObject()) {
            onlyKeys(data, Set.of("seed"), "$.asset.data");
            string(data, "seed", "$.asset.data");
        }
    }

    private static void validatorElectionData(JsonNode data) throws ValidationException {
        if (!data.isObject()) {
            throw SchemaV2.fail(
                    "$.asset.data", "a VALIDATOR_ELECTION needs {node_id, public_key, power} (BigchainDB 2.2.2 fails)");
        }
        onlyKeys(data, VALIDATOR_DATA_KEYS, "$.asset.data");
        for (String k : new String[] {"node_id", "public_key", "power"}) {
            if (!data.has(k)) {
                throw SchemaV2.fail("$.asset.data", "'" + k + "' is a required property");
            }
        }
        string(data, "node_id", "$.asset.data");
        string(data, "seed", "$.asset.data");
        JsonNode pk = data.get("public_key");
        if (!pk.isObject()) {
            throw SchemaV2.fail(
                    "$.asset.data.public_key", "must be an object {type, value}, found " + SchemaV2.kind(pk));
        }
        onlyKeys(pk, PUBLIC_KEY_KEYS, "$.asset.data.public_key");
        for (String k : new String[] {"value", "type"}) {
            if (!pk.has(k)) {
                throw SchemaV2.fail("$.asset.data.public_key", "'" + k + "' is a required property");
            }
        }
        string(pk, "value", "$.asset.data.public_key");
        JsonNode type = pk.get("type");
        if (!type.isTextual() || !KEY_TYPES.contains(type.textValue())) {
            throw SchemaV2.fail(
                    "$.asset.data.public_key.type",
                    SchemaV2.describe(type) + " is not one of ed25519-base16, ed25519-base32, ed25519-base64");
        }
        var decoded = ValidatorKeyCodec.decode(type.textValue(), pk.get("value").textValue());
        if (decoded.isEmpty()) {
            throw new ValidationException(
                    Rule.INVALID_VALIDATOR_PUBLIC_KEY,
                    "$.asset.data.public_key.value does not decode as " + type.textValue());
        }
        if (decoded.get().length != 32) {
            throw new ValidationException(
                    Rule.INVALID_VALIDATOR_PUBLIC_KEY,
                    "$.asset.data.public_key.value decodes to " + decoded.get().length
                            + " bytes; an ed25519 public key has 32");
        }
    }

    private static void string(JsonNode obj, String key, String path) throws ValidationException {
        JsonNode v = obj.get(key);
        if (v != null && !v.isTextual()) {
            throw SchemaV2.fail(path + "." + key, "must be a string, found " + SchemaV2.kind(v));
        }
    }

    private static void onlyKeys(JsonNode obj, Set<String> allowed, String path) throws ValidationException {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw SchemaV2.fail(
                        path,
                        "additional property '" + SchemaV2.abbreviate(k) + "' is not allowed (allowed: "
                                + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }
}
