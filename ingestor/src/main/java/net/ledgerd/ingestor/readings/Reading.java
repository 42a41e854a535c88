package net.ledgerd.ingestor.readings;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One reading of a device as it arrived: timestamp {@code t} and zone {@code tz} as the device sent them, the
 * measured {@code key}, its {@code value} and {@code unit}, and its position {@code index} in the message.
 */
public record Reading(JsonNode t, String tz, String key, JsonNode value, String unit, int index) {}
