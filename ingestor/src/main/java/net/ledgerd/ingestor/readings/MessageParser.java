package net.ledgerd.ingestor.readings;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import net.ledgerd.ingestor.readings.BadMessageException.Reason;
import net.ledgerd.tx.json.StrictJson;
import net.ledgerd.tx.validation.ValidationException;

/**
 * Parses the message format devices send: {@code {"m":[{"t":..,"tz":..,"k":..,"v":..,"u":..}, ...]}}, strictly.
 *
 * <p>Accepted types, and why:
 * <ul>
 * <li>{@code t} (timestamp): an integer (epoch seconds or milliseconds as the device counts them) or a non-empty
 * string (an ISO-8601 text); kept exactly as sent, because the ledger records what the device said, not our
 * reading of it. A float is refused: a rounded timestamp would silently change it.
 * <li>{@code tz} (zone or date): a string, possibly empty, at most 64 characters ("Europe/Berlin", "+01:00",
 * "2026-12-02").
 * <li>{@code k} (what is measured): a non-empty string of at most 128 characters; with the device it names the asset.
 * <li>{@code v} (value): a number, a boolean or a string of at most 256 characters; a reading is one scalar, so
 * null, objects and arrays are refused. Integers must fit in 64 bits (the ledger's database stores no larger
 * ones).
 * <li>{@code u} (unit): a string, possibly empty (unitless counts), at most 32 characters.
 * </ul>
 * No other field is accepted in a reading or in the message (except the device field when ids come from a field):
 * an unknown field is more likely a device bug than something to drop silently. Duplicate keys, invalid UTF-8 and
 * trailing data are refused by the transaction library's strict JSON reader.
 */
public final class MessageParser {
    private static final Set<String> READING_FIELDS = Set.of("t", "tz", "k", "v", "u");

    private final DeviceIdSource idSource;
    private final String idField;
    private final int maxBytes;
    private final int maxReadings;

    public MessageParser(DeviceIdSource idSource, String idField, int maxBytes, int maxReadings) {
        this.idSource = idSource;
        this.idField = idField;
        this.maxBytes = maxBytes;
        this.maxReadings = maxReadings;
    }

    /** The device and readings of one record. */
    public DeviceMessage parse(String topic, byte[] key, byte[] value) throws BadMessageException {
        if (value == null) {
            throw new BadMessageException(Reason.NOT_JSON, "the record has no value (a tombstone)");
        }
        if (value.length > maxBytes) {
            throw new BadMessageException(
                    Reason.OVERSIZED,
                    "the message has " + value.length + " bytes, more than message.max_bytes=" + maxBytes);
        }
        JsonNode root;
        try {
            root = StrictJson.parse(value);
        } catch (ValidationException e) {
            throw new BadMessageException(Reason.NOT_JSON, "not JSON: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new BadMessageException(Reason.WRONG_SHAPE, "the message must be a JSON object {\"m\":[...]}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("m") && !(idSource == DeviceIdSource.FIELD && name.equals(idField))) {
                throw new BadMessageException(Reason.WRONG_SHAPE, "unknown field \"" + name + "\" in the message");
            }
        }
        String device = device(topic, key, root);
        JsonNode m = root.get("m");
        if (m == null) {
            throw new BadMessageException(Reason.MISSING_FIELD, "the message has no \"m\" array of readings");
        }
        if (!m.isArray()) {
            throw new BadMessageException(Reason.WRONG_TYPE, "\"m\" must be an array of readings");
        }
        if (m.isEmpty()) {
            throw new BadMessageException(Reason.WRONG_SHAPE, "\"m\" holds no reading");
        }
        if (m.size() > maxReadings) {
            throw new BadMessageException(
                    Reason.OVERSIZED,
                    "the message has " + m.size() + " readings, more than message.max_readings=" + maxReadings);
        }
        List<Reading> readings = new ArrayList<>(m.size());
        for (int i = 0; i < m.size(); i++) {
            readings.add(reading(m.get(i), i));
        }
        return new DeviceMessage(device, List.copyOf(readings));
    }

    private String device(String topic, byte[] key, JsonNode root) throws BadMessageException {
        String device = switch (idSource) {
            case KEY -> key == null ? null : new String(key, StandardCharsets.UTF_8);
            case TOPIC -> topic;
            case FIELD -> {
                JsonNode f = root.get(idField);
                if (f != null && !f.isTextual()) {
                    throw new BadMessageException(
                            Reason.WRONG_TYPE, "the device field \"" + idField + "\" must be a string");
                }
                yield f == null ? null : f.asText();
            }
        };
        if (device == null || device.isBlank()) {
            throw new BadMessageException(
                    Reason.NO_DEVICE,
                    switch (idSource) {
                        case KEY -> "the record has no key; device ids come from the record key (device.id_from=key)";
                        case TOPIC -> "the topic name is empty";
                        case FIELD -> "the message has no \"" + idField + "\" field naming its device";
                    });
        }
        if (device.length() > 128) {
            throw new BadMessageException(Reason.WRONG_TYPE, "the device id is longer than 128 characters");
        }
        return device;
    }

    private static Reading reading(JsonNode r, int i) throws BadMessageException {
        String at = "reading " + i;
        if (!r.isObject()) {
            throw new BadMessageException(
                    Reason.WRONG_SHAPE, at + " must be an object {\"t\",\"tz\",\"k\",\"v\",\"u\"}");
        }
        for (Iterator<String> names = r.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!READING_FIELDS.contains(name)) {
                throw new BadMessageException(Reason.WRONG_SHAPE, at + " has an unknown field \"" + name + "\"");
            }
        }
        JsonNode t = required(r, "t", at);
        if (!(t.isIntegralNumber() && t.canConvertToLong())
                && !(t.isTextual() && !t.asText().isEmpty())) {
            throw new BadMessageException(
                    Reason.WRONG_TYPE, at + ": \"t\" must be an integer (epoch) or a non-empty string, was " + t);
        }
        if (t.isTextual() && t.asText().length() > 64) {
            throw new BadMessageException(Reason.WRONG_TYPE, at + ": \"t\" is longer than 64 characters");
        }
        String tz = text(r, "tz", at, 64, true);
        String k = text(r, "k", at, 128, false);
        JsonNode v = required(r, "v", at);
        boolean scalar =
                v.isNumber() || v.isBoolean() || (v.isTextual() && v.asText().length() <= 256);
        if (!scalar) {
            throw new BadMessageException(
                    Reason.WRONG_TYPE,
                    at + ": \"v\" must be a number, a boolean or a string of at most 256 characters");
        }
        if (v.isIntegralNumber() && !v.canConvertToLong()) {
            throw new BadMessageException(Reason.WRONG_TYPE, at + ": \"v\" is an integer beyond 64 bits");
        }
        String u = text(r, "u", at, 32, true);
        return new Reading(t, tz, k, v, u, i);
    }

    private static JsonNode required(JsonNode r, String field, String at) throws BadMessageException {
        JsonNode v = r.get(field);
        if (v == null) {
            throw new BadMessageException(Reason.MISSING_FIELD, at + " has no \"" + field + "\"");
        }
        return v;
    }

    private static String text(JsonNode r, String field, String at, int max, boolean emptyAllowed)
            throws BadMessageException {
        JsonNode v = required(r, field, at);
        if (!v.isTextual()) {
            throw new BadMessageException(Reason.WRONG_TYPE, at + ": \"" + field + "\" must be a string, was " + v);
        }
        String s = v.asText();
        if (s.length() > max || (!emptyAllowed && s.isEmpty())) {
            throw new BadMessageException(
                    Reason.WRONG_TYPE,
                    at + ": \"" + field + "\" must be " + (emptyAllowed ? "" : "a non-empty string of ") + "at most "
                            + max + " characters");
        }
        return s;
    }
}
