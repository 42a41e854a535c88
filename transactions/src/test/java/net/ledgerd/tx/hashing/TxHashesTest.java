package net.ledgerd.tx.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.crypto.Hashes;
import net.ledgerd.tx.json.Canonical;
import net.ledgerd.tx.model.Fulfills;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class TxHashesTest {
    static final Ed25519KeyPair A = Ed25519KeyPair.fromSeed(new byte[32]);

    @Test
    void singlePassDigestsEqualTheDefinitions() {
        SignedTransaction c = TransactionBuilder.create(A)
                .asset(Map.of("k", "\u00e9"))
                .output(3, A.publicKeyBase58())
                .output(4, A.publicKeyBase58())
                .sign(A);
        SignedTransaction t = TransactionBuilder.transfer(c.transaction(), 0, 1)
                .output(7, A.publicKeyBase58())
                .sign(A);
        for (SignedTransaction s : List.of(c, t)) {
            ObjectNode j = s.json().deepCopy();
            // definition of the id: SHA3-256 of the canonical body with id null
            j.putNull("id");
            String id = Hex.toHexString(Hashes.sha3_256(Canonical.serializeUtf8(j)));
            assertEquals(id, s.transaction().digests().id());
            assertEquals(id, s.id());
            // definition of the message: SHA3-256(body with id and fulfillments null + txid + index)
            j.get("inputs").forEach(in -> ((ObjectNode) in).putNull("fulfillment"));
            String body = Canonical.serialize(j);
            for (var in : s.transaction().inputs()) {
                Fulfills f = in.fulfills();
                String text = body + (f == null ? "" : f.transactionId() + f.outputIndex());
                assertArrayEquals(
                        Hashes.sha3_256(text.getBytes(StandardCharsets.UTF_8)),
                        s.transaction().digests().inputMessage(f));
            }
        }
    }
}
