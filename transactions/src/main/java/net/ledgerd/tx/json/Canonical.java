package net.ledgerd.tx.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * BigchainDB 2.2.2's canonical JSON serialization ({@code bigchaindb.common.utils.serialize}).
 * See {@link CanonicalWriter} for the exact rules.
 */
public final class Canonical {
    private Canonical() {}

    private static final ThreadLocal<CanonicalWriter> WRITER = ThreadLocal.withInitial(() -> new CanonicalWriter(2048));

    /** The canonical form as a Java string. */
    public static String serialize(JsonNode node) {
        CanonicalWriter w = writer();
        w.value(node);
        return w.toString();
    }

    /** The canonical form as UTF-8 bytes (what BigchainDB hashes). */
    public static byte[] serializeUtf8(JsonNode node) {
        CanonicalWriter w = writer();
        w.value(node);
        return w.toByteArray();
    }

    /** A reset, thread-confined writer; do not keep it beyond the current call. */
    static CanonicalWriter writer() {
        CanonicalWriter w = WRITER.get();
        if (w.buffer().length > 1 << 20) {
            w = new CanonicalWriter(2048);
            WRITER.set(w);
        }
        w.reset();
        return w;
    }
}
