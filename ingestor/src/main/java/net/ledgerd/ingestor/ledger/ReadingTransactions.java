package net.ledgerd.ingestor.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;

/**
 * Builds the transactions of reading assets, deterministically: the same asset key, or the same readings on the same
 * chain head, give the same transaction and id (Ed25519 signatures are deterministic and nothing else varies: no
 * clock, no random value). A re-send after a crash is therefore a duplicate the ledger refuses, never a second copy.
 *
 * <ul>
 * <li>CREATE: asset data {@code {"device","key","unit"}}, no metadata, one output of 1 to the owner.
 * <li>TRANSFER: spends output 0 of the head, one output of 1 to the same owner, metadata in columns:
 * {@code {"readings":{"t":[..],"tz":zone or [..],"v":[..],"i":[..]}, "messages":{"topic","partition":[..],
 * "offset":[..],"count":[..]}, "covered":[{"topic","partition","offset"}]}}. {@code readings} holds one entry per
 * reading in order: its timestamp, zone (one string when all readings share it), value and index in its message;
 * {@code messages} one entry per Kafka message, in the same order, with how many of those readings it holds;
 * {@code covered} is the asset's coverage after this transaction.
 * </ul>
 *
 * <p>Why columns: every member parses, hashes, validates and stores each JSON value of a transaction, and a reading
 * as an object of five named fields was eleven values where the columns take three or four (JFR: JSON parsing and
 * hashing led the members' CPU profile). The readings stay plain JSON, readable with the HTTP API.
 */
public final class ReadingTransactions {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

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
        ObjectNode metadata = F.objectNode();
        ObjectNode readings = metadata.putObject("readings");
        ArrayNode t = readings.putArray("t");
        ArrayNode tz = F.arrayNode();
        ArrayNode v = readings.putArray("v");
        ArrayNode index = readings.putArray("i");
        ObjectNode messages = metadata.putObject("messages");
        messages.put("topic", segments.get(0).source().topic());
        ArrayNode partition = messages.putArray("partition");
        ArrayNode offset = messages.putArray("offset");
        ArrayNode count = messages.putArray("count");
        Coverage coverage = head.coverage();
        boolean oneZone = true;
        String firstZone = segments.get(0).readings().get(0).tz();
        for (Segment s : segments) {
            if (!s.source().topic().equals(messages.get("topic").asText())) {
                throw new IllegalArgumentException("the segments of one TRANSFER come from one topic");
            }
            for (Reading r : s.readings()) {
                t.add(r.t());
                tz.add(r.tz());
                oneZone &= r.tz().equals(firstZone);
                v.add(r.value());
                index.add(r.index());
            }
            partition.add(s.source().partition());
            offset.add(s.offset());
            count.add(s.readings().size());
            coverage = coverage.with(s.source(), s.offset());
        }
        if (oneZone) {
            readings.put("tz", firstZone);
        } else {
            readings.set("tz", tz);
        }
        metadata.set("covered", coverage.toJson());
        return TransactionBuilder.transfer(head.transaction(), 0)
                .output(1, owner.publicKeyBase58())
                .metadata(metadata)
                .sign(owner);
    }

    /** One reading as a TRANSFER records it: where it came from, its position there, and what the device sent. */
    public record Recorded(String topic, int partition, long offset, int index, JsonNode t, String tz, JsonNode v) {}

    /** The readings a TRANSFER's metadata records, in order (the inverse of {@link #transfer}). */
    public static List<Recorded> recorded(JsonNode metadata) {
        JsonNode readings = metadata.path("readings");
        JsonNode messages = metadata.path("messages");
        JsonNode tz = readings.path("tz");
        List<Recorded> out = new ArrayList<>();
        int r = 0;
        for (int m = 0; m < messages.path("count").size(); m++) {
            for (int k = 0; k < messages.path("count").get(m).asInt(); k++, r++) {
                out.add(new Recorded(
                        messages.path("topic").asText(),
                        messages.path("partition").get(m).asInt(),
                        messages.path("offset").get(m).asLong(),
                        readings.path("i").get(r).asInt(),
                        readings.path("t").get(r),
                        tz.isArray() ? tz.get(r).asText() : tz.asText(),
                        readings.path("v").get(r)));
            }
        }
        return out;
    }

    /**
     * The approximate metadata bytes a segment adds to a TRANSFER, to keep transactions under the size limit. Without
     * serializing each value (JFR: that was a tenth of the consumer thread): a number counts as its longest form.
     */
    public static int estimatedBytes(Segment s) {
        int bytes = 60;
        for (Reading r : s.readings()) {
            bytes += 8 + r.tz().length() + jsonLength(r.t()) + jsonLength(r.value());
        }
        return bytes;
    }

    /** Bounds a scalar's JSON length: 24 characters hold any double or long; a string counts its quotes. */
    private static int jsonLength(JsonNode scalar) {
        return scalar.isTextual() ? scalar.textValue().length() + 2 : scalar.isBoolean() ? 5 : 24;
    }
}
