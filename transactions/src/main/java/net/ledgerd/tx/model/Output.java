package net.ledgerd.tx.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import net.ledgerd.tx.conditions.Condition;

/**
 * A transaction output.
 *
 * @param amount the amount (a decimal string in JSON), 1..9*10^18
 * @param publicKeys the {@code public_keys} (empty when the JSON holds null)
 * @param condition the condition formed from {@code condition.details}, or null when the details
 *     form none (a threshold above its subcondition count: BigchainDB 2.2.2 commits such an output
 *     but can never spend or serve it)
 * @param conditionUri the {@code condition.uri} text (equal to {@code condition.uri()} for
 *     outputs that passed validation)
 * @param details the {@code condition.details} JSON (read-only)
 */
public record Output(long amount, List<String> publicKeys, Condition condition, String conditionUri, JsonNode details) {
    public static final long MAX_AMOUNT = 9_000_000_000_000_000_000L;

    public Output {
        publicKeys = List.copyOf(publicKeys);
    }
}
