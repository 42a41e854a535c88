package net.ledgerd.tx.hashing;

import java.util.List;
import net.ledgerd.tx.json.CanonicalWriter;
import net.ledgerd.tx.model.Fulfills;
import org.bouncycastle.crypto.digests.SHA3Digest;

/**
 * An unsigned transaction's canonical serialization (id null), taken once to sign it. Signing changes only the
 * values of the inputs' fulfillments and of the id, and canonical JSON writes every other byte the same whatever
 * those values are (keys sorted, no whitespace), so the signed transaction's id-null body and its bytes are this
 * body with those values replaced: no second and third serialization of the whole transaction.
 */
public final class SigningBody {
    private final byte[] body;
    private final int[] fulfillmentSpans;
    private final int inputs;
    private final int idStart;
    private final int idEnd;
    private final SHA3Digest signingState;

    SigningBody(byte[] body, int[] fulfillmentSpans, int inputs, int idStart, int idEnd, SHA3Digest signingState) {
        this.body = body;
        this.fulfillmentSpans = fulfillmentSpans;
        this.inputs = inputs;
        this.idStart = idStart;
        this.idEnd = idEnd;
        this.signingState = signingState;
    }

    /** The signed transaction: its id and canonical bytes. */
    public record Signed(String id, byte[] bytes) {}

    /** The 32-byte message the fulfillment of an input with this {@code fulfills} (null for CREATE) signs. */
    public byte[] inputMessage(Fulfills fulfills) {
        return TxDigests.inputMessage(signingState, fulfills);
    }

    /** The id and canonical bytes of the transaction with these fulfillment URIs, one per input, in order. */
    public Signed sign(List<String> fulfillmentUris) {
        if (fulfillmentUris.size() != inputs) {
            throw new IllegalArgumentException("one fulfillment per input is needed");
        }
        CanonicalWriter w = new CanonicalWriter(body.length + 96 * inputs + 72);
        byte[][] values = new byte[inputs][];
        for (int i = 0; i < inputs; i++) {
            w.reset();
            w.string(fulfillmentUris.get(i));
            values[i] = w.toByteArray();
        }
        byte[] idNull = splice(values, null);
        String id = TxHashes.sha3Hex(idNull, idNull.length);
        w.reset();
        w.string(id);
        return new Signed(id, splice(values, w.toByteArray()));
    }

    /** The body with each fulfillment value replaced by {@code values[i]} and the id by {@code id} (if not null). */
    private byte[] splice(byte[][] values, byte[] id) {
        int size = body.length;
        for (int i = 0; i < inputs; i++) {
            size += values[i].length - (fulfillmentSpans[2 * i + 1] - fulfillmentSpans[2 * i]);
        }
        if (id != null) {
            size += id.length - (idEnd - idStart);
        }
        byte[] out = new byte[size];
        int from = 0;
        int to = 0;
        // The id's value comes before the inputs (keys are sorted: "id" < "inputs"), but nothing here relies on it.
        int f = 0;
        boolean idDone = id == null;
        while (f < inputs || !idDone) {
            boolean idNext = !idDone && (f == inputs || idStart < fulfillmentSpans[2 * f]);
            int start = idNext ? idStart : fulfillmentSpans[2 * f];
            int end = idNext ? idEnd : fulfillmentSpans[2 * f + 1];
            byte[] value = idNext ? id : values[f];
            System.arraycopy(body, from, out, to, start - from);
            to += start - from;
            System.arraycopy(value, 0, out, to, value.length);
            to += value.length;
            from = end;
            if (idNext) {
                idDone = true;
            } else {
                f++;
            }
        }
        System.arraycopy(body, from, out, to, body.length - from);
        return out;
    }
}
