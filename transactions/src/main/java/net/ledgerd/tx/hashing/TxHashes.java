package net.ledgerd.tx.hashing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ledgerd.tx.json.CanonicalWriter;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.util.encoders.Hex;

/**
 * The two digests BigchainDB 2.2.2 takes of a transaction.
 *
 * <ul>
 *   <li><b>id</b> ({@code Transaction.validate_id}, {@code _hash}): SHA3-256 hex of the canonical
 *       serialization of the transaction with {@code "id": null}. The fulfillments (signatures)
 *       stay in: the id covers them.
 *   <li><b>signing message</b> of input i ({@code _input_valid}, {@code _sign_*_fulfillment}):
 *       SHA3-256 over the canonical serialization of the transaction with {@code "id": null} and
 *       every input's {@code "fulfillment": null}, followed, for an input that spends an output,
 *       by the UTF-8 text {@code transaction_id + str(output_index)}. The 32-byte digest is the
 *       message that Ed25519 signs.
 * </ul>
 */
public final class TxHashes {
    private TxHashes() {}

    private static final ThreadLocal<CanonicalWriter> WRITER = ThreadLocal.withInitial(() -> new CanonicalWriter(2048));

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /**
     * Both digests from one canonical serialization: the body with id null is hashed for the id;
     * the same bytes with every input's fulfillment value replaced by {@code null} are hashed for
     * the signing state.
     */
    public static TxDigests digests(ObjectNode tx) {
        CanonicalWriter w = writer();
        int[] spans = new int[2 * Math.max(1, tx.path("inputs").size())];
        int n = writeRecording(w, tx, spans, new int[2]);
        return new TxDigests(sha3Hex(w.buffer(), w.size()), signingState(w.buffer(), w.size(), spans, n));
    }

    /**
     * The canonical serialization of {@code tx} with id null, taken once to sign it: the signing state, then the
     * signed transaction's id and bytes made by putting the fulfillments and the id in place (see {@link
     * SigningBody}). Every input must be an object with a {@code fulfillment} key.
     */
    public static SigningBody signingBody(ObjectNode tx) {
        CanonicalWriter w = writer();
        int inputs = tx.path("inputs").size();
        int[] spans = new int[2 * Math.max(1, inputs)];
        int[] id = {-1, -1};
        int n = writeRecording(w, tx, spans, id);
        if (n != inputs || id[0] < 0) {
            throw new IllegalArgumentException("every input needs a fulfillment key and the transaction an id key");
        }
        byte[] body = w.toByteArray();
        return new SigningBody(body, spans, n, id[0], id[1], signingState(body, body.length, spans, n));
    }

    /** SHA3-256 over the body with every recorded fulfillment value written as {@code null}. */
    private static SHA3Digest signingState(byte[] buf, int size, int[] spans, int n) {
        SHA3Digest signing = new SHA3Digest(256);
        int prev = 0;
        for (int i = 0; i < n; i++) {
            int start = spans[2 * i];
            int end = spans[2 * i + 1];
            signing.update(buf, prev, start - prev);
            signing.update(NULL, 0, NULL.length);
            prev = end;
        }
        signing.update(buf, prev, size - prev);
        return signing;
    }

    static String sha3Hex(byte[] buf, int size) {
        SHA3Digest d = new SHA3Digest(256);
        d.update(buf, 0, size);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    /**
     * Writes the tx with id null; records [start, end) of each input's fulfillment value in {@code spans} and of the
     * id's value in {@code id}.
     */
    private static int writeRecording(CanonicalWriter w, ObjectNode tx, int[] spans, int[] id) {
        int count = 0;
        w.raw('{');
        String[] keys = CanonicalWriter.sortedFieldNames(tx);
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                w.raw(',');
            }
            String k = keys[i];
            w.string(k);
            w.raw(':');
            JsonNode v = tx.get(k);
            if (k.equals("id")) {
                id[0] = w.size();
                w.nullValue();
                id[1] = w.size();
            } else if (k.equals("inputs") && v.isArray()) {
                w.raw('[');
                for (int j = 0; j < v.size(); j++) {
                    if (j > 0) {
                        w.raw(',');
                    }
                    JsonNode input = v.get(j);
                    if (!input.isObject()) {
                        w.value(input);
                        continue;
                    }
                    w.raw('{');
                    String[] ik = CanonicalWriter.sortedFieldNames((ObjectNode) input);
                    for (int m = 0; m < ik.length; m++) {
                        if (m > 0) {
                            w.raw(',');
                        }
                        w.string(ik[m]);
                        w.raw(':');
                        if (ik[m].equals("fulfillment")) {
                            spans[2 * count] = w.size();
                            w.value(input.get(ik[m]));
                            spans[2 * count + 1] = w.size();
                            count++;
                        } else {
                            w.value(input.get(ik[m]));
                        }
                    }
                    w.raw('}');
                }
                w.raw(']');
            } else {
                w.value(v);
            }
        }
        w.raw('}');
        return count;
    }

    /** The id the transaction must carry. */
    public static String computeId(ObjectNode tx) {
        return digests(tx).id();
    }

    private static CanonicalWriter writer() {
        CanonicalWriter w = WRITER.get();
        if (w.buffer().length > 1 << 20) {
            w = new CanonicalWriter(2048);
            WRITER.set(w);
        }
        w.reset();
        return w;
    }
}
