package net.ledgerd.ingestor.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The highest Kafka offset, per topic-partition, whose readings of one asset are on chain. Every TRANSFER carries
 * its asset's coverage forward in its metadata ({@code "covered":[{"topic","partition","offset"}]}), so the chain
 * head alone says which messages are already recorded: what the ingestor recovers from after a crash.
 */
public final class Coverage {
    private final Map<TopicPartition, Long> highest;

    private Coverage(Map<TopicPartition, Long> highest) {
        this.highest = highest;
    }

    public static Coverage none() {
        return new Coverage(Map.of());
    }

    /** Reads {@code metadata.covered}; absent (a CREATE) means nothing is covered. */
    public static Coverage fromMetadata(JsonNode metadata) {
        Map<TopicPartition, Long> m = new TreeMap<>(Coverage::compare);
        for (JsonNode c : metadata == null ? JsonNodeFactory.instance.arrayNode() : metadata.path("covered")) {
            m.put(
                    new TopicPartition(
                            c.path("topic").asText(), c.path("partition").asInt()),
                    c.path("offset").asLong());
        }
        return new Coverage(m);
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int t = a.topic().compareTo(b.topic());
        return t != 0 ? t : Integer.compare(a.partition(), b.partition());
    }

    /** Whether the message at {@code offset} of {@code tp} is already on chain for this asset. */
    public boolean covers(TopicPartition tp, long offset) {
        Long h = highest.get(tp);
        return h != null && offset <= h;
    }

    /** This coverage raised to include {@code offset} of {@code tp}. */
    public Coverage with(TopicPartition tp, long offset) {
        Map<TopicPartition, Long> m = new TreeMap<>(Coverage::compare);
        m.putAll(highest);
        m.merge(tp, offset, Math::max);
        return new Coverage(m);
    }

    public ArrayNode toJson() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        highest.forEach((tp, o) -> a.addObject()
                .put("topic", tp.topic())
                .put("partition", tp.partition())
                .put("offset", o));
        return a;
    }

    @Override
    public String toString() {
        return highest.toString();
    }
}
