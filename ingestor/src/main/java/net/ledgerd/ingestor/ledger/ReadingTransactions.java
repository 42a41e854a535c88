package net.ledgerd.ingestor.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.json.StrictJson;

/**
 * Builds the transactions of reading assets, deterministically: the same asset key, or the same readings on the same
 * chain head, give the same transaction and id (Ed25519 signatures are deterministic and nothing else varies: no
 * clock, no random value). A re-send after a crash is therefore a duplicate the ledger refuses, never a second copy.
 *
 * <ul>
 * <li>CREATE: asset data {@code {"device","key","unit"}}, no metadata, one output of 1 to the owner.
 * <li>TRANSFER: spends output 0 of the head, one output of 1 to the same owner, and metadata
 * {@code {"readings": text, "messages": text, "covered":[{"topic","partition","offset"}]}}. {@code readings} is the
 * JSON text of the readings in columns, one entry per reading in order: {@code {"dt":[..],"tz":zone or [..],"v":[..],
 * "i":[..]}}, where {@code dt} holds the first timestamp and then each one's difference from the one before (when
 * every timestamp is an integer; otherwise {@code "t":[..]} holds them as sent), {@code v} the values and {@code i}
 * each reading's index in its message. {@code messages} is the JSON text of {@code {"topic","partition":[..],
 * "offset":[..],"count":[..]}}, one entry per Kafka message in the same order with how many of those readings it
 * holds. {@code covered} (JSON, read back at recovery) is the asset's coverage after this transaction.
 * </ul>
 *
 * <p>Why text: every member stores each JSON value of a transaction's metadata, and its database (FerretDB) keeps a
 * type entry per array element: a 500-reading TRANSFER in JSON columns cost a member's FerretDB 3.1 ms of CPU to
 * insert and 14 ms to read back, the same readings as text 0.2-0.35 ms and 1.2 ms (measured on a member's FerretDB,
 * {@code /proc} CPU ticks around 200 inserts). Each member also parses, hashes and gossips fewer bytes: timestamps as
 * differences take ~2 characters instead of 13. Before text, readings were JSON columns ({@code readings:{t:[..],
 * tz, v:[..], i:[..]}}) and before that one object per reading; {@link #recorded} and the app's history read all
 * three. The text is still JSON: any JSON parser reads it.
 */
public final class ReadingTransactions {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectReader READER = StrictJson.mapper().reader();

    private final Ed25519KeyPair owner;

    public ReadingTransactions(Ed25519KeyPair owner) {
        this.owner = owner;
    }

    public String ownerPublicKey() {
        return owner.publicKeyBase58();
    }

    public SignedTransaction create(AssetKey asset) {
        ObjectNode data = F.objectNode()
                .put("device", asset.device())
                .put("key", asset.key())
                .put("unit", asset.unit());
        return TransactionBuilder.create(owner)
                .asset(data)
                .output(1, owner.publicKeyBase58())
                .sign(owner);
    }

    /** A TRANSFER of {@code segments} (in order, none covered by {@code head}) spending the head's output 0. */
    public SignedTransaction transfer(ChainHead head, List<Segment> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a reading TRANSFER needs at least one segment");
        }
        String topic = segments.get(0).source().topic();
        String firstZone = segments.get(0).readings().get(0).tz();
        boolean oneZone = true;
        boolean integralTimes = true;
        for (Segment s : segments) {
            if (!s.source().topic().equals(topic)) {
                throw new IllegalArgumentException("the segments of one TRANSFER come from one topic");
            }
            for (Reading r : s.readings()) {
                oneZone &= r.tz().equals(firstZone);
                integralTimes &= r.t().isIntegralNumber() && r.t().canConvertToLong();
            }
        }
        Columns readings = new Columns();
        if (integralTimes) {
            readings.open("dt");
            long previous = 0;
            for (Segment s : segments) {
                for (Reading r : s.readings()) {
                    long t = r.t().longValue();
                    readings.add(readings.empty() ? t : t - previous);
                    previous = t;
                }
            }
        } else {
            readings.open("t");
            segments.forEach(s -> s.readings().forEach(r -> readings.add(r.t())));
        }
        if (oneZone) {
            readings.field("tz", TextNode.valueOf(firstZone));
        } else {
            readings.open("tz");
            segments.forEach(s -> s.readings().forEach(r -> readings.add(TextNode.valueOf(r.tz()))));
        }
        readings.open("v");
        segments.forEach(s -> s.readings().forEach(r -> readings.add(r.value())));
        readings.open("i");
        segments.forEach(s -> s.readings().forEach(r -> readings.add(r.index())));
        Columns messages = new Columns();
        messages.field("topic", TextNode.valueOf(topic));
        messages.open("partition");
        segments.forEach(s -> messages.add(s.source().partition()));
        messages.open("offset");
        segments.forEach(s -> messages.add(s.offset()));
        messages.open("count");
        segments.forEach(s -> messages.add(s.readings().size()));
        Coverage coverage = head.coverage();
        for (Segment s : segments) {
            coverage = coverage.with(s.source(), s.offset());
        }
        ObjectNode metadata = F.objectNode();
        metadata.put("readings", readings.text());
        metadata.put("messages", messages.text());
        metadata.set("covered", coverage.toJson());
        return TransactionBuilder.transfer(head.transaction(), 0)
                .output(1, owner.publicKeyBase58())
                .metadata(metadata)
                .sign(owner);
    }

    /**
     * The JSON text of an object of scalar fields and arrays of scalars, written directly: building a tree of nodes
     * for each reading only to print it was most of what the ingestor did per reading.
     */
    private static final class Columns {
        private final StringBuilder out = new StringBuilder(1024).append('{');
        private boolean inArray;
        private boolean empty = true;

        private void name(String name) {
            if (inArray) {
                out.append(']');
                inArray = false;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(name).append("\":");
        }

        void field(String name, JsonNode scalar) {
            name(name);
            out.append(scalar);
        }

        void open(String name) {
            name(name);
            out.append('[');
            inArray = true;
            empty = true;
        }

        /** Whether the array opened last has no element yet. */
        boolean empty() {
            return empty;
        }

        void add(long value) {
            out.append(empty ? "" : ",").append(value);
            empty = false;
        }

        void add(JsonNode scalar) {
            out.append(empty ? "" : ",").append(scalar);
            empty = false;
        }

        String text() {
            return out.append(inArray ? "]}" : "}").toString();
        }
    }

    /** One reading as a TRANSFER records it: where it came from, its position there, and what the device sent. */
    public record Recorded(String topic, int partition, long offset, int index, JsonNode t, String tz, JsonNode v) {}

    /**
     * The readings a TRANSFER's metadata records, in order (the inverse of {@link #transfer}; also reads the earlier
     * JSON columns). Metadata that is not a reading TRANSFER's gives an exception naming what is wrong.
     */
    public static List<Recorded> recorded(JsonNode metadata) {
        JsonNode readings = json(metadata.path("readings"), "readings");
        JsonNode messages = json(metadata.path("messages"), "messages");
        JsonNode tz = readings.path("tz");
        JsonNode dt = readings.path("dt");
        List<Recorded> out = new ArrayList<>();
        int r = 0;
        long t = 0;
        for (int m = 0; m < messages.path("count").size(); m++) {
            for (int k = 0; k < messages.path("count").get(m).asInt(); k++, r++) {
                t = dt.isArray() ? (r == 0 ? 0 : t) + dt.get(r).longValue() : 0;
                out.add(new Recorded(
                        messages.path("topic").asText(),
                        messages.path("partition").get(m).asInt(),
                        messages.path("offset").get(m).asLong(),
                        readings.path("i").get(r).asInt(),
                        dt.isArray() ? LongNode.valueOf(t) : readings.path("t").get(r),
                        tz.isArray() ? tz.get(r).asText() : tz.asText(),
                        readings.path("v").get(r)));
            }
        }
        return out;
    }

    /** A metadata field as JSON: the text a TRANSFER holds parsed, the earlier JSON columns as they are. */
    private static JsonNode json(JsonNode field, String name) {
        if (!field.isTextual()) {
            return field;
        }
        try {
            return READER.readTree(field.textValue());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata." + name + " is not JSON text: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * An upper bound of the metadata bytes a segment adds to a TRANSFER, to keep transactions under the size limit,
     * without serializing (JFR: that was a tenth of the consumer thread): a number counts as its longest form, a
     * string as its bytes once escaped inside the text and the text escaped in the transaction.
     */
    public static int estimatedBytes(Segment s) {
        int bytes = 60;
        for (Reading r : s.readings()) {
            bytes += 4 + jsonBytes(r.t()) + jsonBytes(r.value()) + 11 + textBytes(r.tz());
        }
        return bytes;
    }

    private static int jsonBytes(JsonNode scalar) {
        return scalar.isTextual() ? textBytes(scalar.textValue()) : scalar.isBoolean() ? 5 : 24;
    }

    /**
     * A string's bytes inside the text inside the transaction: a quote or backslash becomes four characters, a
     * control character at most seven ({@code \\u0001}), others their UTF-8 bytes; plus the quotes.
     */
    private static int textBytes(String text) {
        int bytes = 4;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            bytes += c == '"' || c == '\\'
                    ? 4
                    : c < 0x20 ? 7 : c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
