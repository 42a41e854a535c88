package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * BigchainDB 2.2.2's condition_details_has_owner: whether a key is an ed25519 public_key anywhere in
 * an output's condition details, through threshold subconditions. It decides which outputs
 * {@code GET /outputs} lists for an owner, not the output's public_keys.
 */
final class ConditionOwners {
    private ConditionOwners() {}

    static boolean has(JsonNode details, String publicKey) {
        if (details.has("subconditions")) {
            // As 2.2.2: a node with subconditions is judged by them alone.
            return has(details.get("subconditions"), publicKey);
        }
        if (details.isArray()) {
            for (JsonNode sub : details) {
                if (has(sub, publicKey)) {
                    return true;
                }
            }
            return false;
        }
        return details.isObject() && publicKey.equals(details.path("public_key").textValue());
    }
}
