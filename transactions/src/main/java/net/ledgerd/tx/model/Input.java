package net.ledgerd.tx.model;

import java.util.List;
import net.ledgerd.tx.conditions.Fulfillment;

/**
 * A transaction input.
 *
 * @param ownersBefore the {@code owners_before} public keys (base58)
 * @param fulfillmentUri the {@code fulfillment} text, or null when the JSON holds unsigned
 *     condition details there instead
 * @param fulfillment the decoded fulfillment, or null when {@code fulfillmentUri} is null
 * @param canonicalFulfillment whether {@code fulfillmentUri} is the canonical DER encoding of
 *     {@code fulfillment}
 * @param fulfills the spent output, or null (CREATE)
 */
public record Input(
        List<String> ownersBefore,
        String fulfillmentUri,
        Fulfillment fulfillment,
        boolean canonicalFulfillment,
        Fulfills fulfills) {
    public Input {
        ownersBefore = List.copyOf(ownersBefore);
    }

    public boolean signed() {
        return fulfillment != null;
    }
}
