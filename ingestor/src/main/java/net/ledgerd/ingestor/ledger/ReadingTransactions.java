package net.ledgerd.ingestor.ledger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.ledgerd.ingestor.readings.Reading;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import org.apache.kafka.common.TopicPartition;

/**
 * Builds the transactions of reading assets, deterministically: the same asset key, or the same readings on the same
 * chain head, give the same transaction and id (Ed25519 signatures are deterministic and nothing else varies: no
 * clock, no random value). A re-send after a crash is therefore a duplicate the ledger refuses, never a second copy.
 *
 * <ul>
 * <li>CREATE: asset data {@code {"device","key","unit"}}, no metadata, one output of 1 to the owner.
 * <li>TRANSFER: spends output 0 of the head, one output of 1 to the same owner, metadata
 * {@code {"readings":[{"t","tz","v","o","i"}], "source":[{"topic","partition","offsets":[..]}],
 * "covered":[{"topic","partition","offset"}]}}: each reading with the offset {@code o} of its message and its index
 * {@code i} in it, where the readings came from, and the asset's coverage after this transaction.
 * </ul>
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
        ArrayNode readings = metadata.putArray("readings");
        Map<TopicPartition, List<Long>> sources = new LinkedHashMap<>();
        Coverage coverage = head.coverage();
        for (Segment s : segments) {
            for (Reading r : s.readings()) {
                ObjectNode o = readings.addObject();
                o.set("t", r.t());
                o.put("tz", r.tz());
                o.set("v", r.value());
                o.put("o", s.offset());
                o.put("i", r.index());
            }
            sources.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(s.offset());
            coverage = coverage.with(s.source(), s.offset());
        }
        ArrayNode source = metadata.putArray("source");
        sources.forEach((tp, offsets) -> {
            ObjectNode o = source.addObject().put("topic", tp.topic()).put("partition", tp.partition());
            ArrayNode list = o.putArray("offsets");
            offsets.forEach(list::add);
        });
        metadata.set("covered", coverage.toJson());
        return TransactionBuilder.transfer(head.transaction(), 0)
                .output(1, owner.publicKeyBase58())
                .metadata(metadata)
                .sign(owner);
    }

    /** The approximate metadata bytes a segment adds to a TRANSFER, to keep transactions under the size limit. */
    public static int estimatedBytes(Segment s) {
        int bytes = 40;
        for (Reading r : s.readings()) {
            bytes += 48
                    + r.tz().length()
                    + r.t().toString().length()
                    + r.value().toString().length();
        }
        return bytes;
    }
}
