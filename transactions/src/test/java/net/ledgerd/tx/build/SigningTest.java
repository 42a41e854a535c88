package net.ledgerd.tx.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.ledgerd.tx.Transactions;
import net.ledgerd.tx.conditions.ConditionDetails;
import net.ledgerd.tx.conditions.Fulfillment;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import net.ledgerd.tx.hashing.TxDigests;
import net.ledgerd.tx.hashing.TxHashes;
import net.ledgerd.tx.json.Canonical;
import net.ledgerd.tx.json.ServerTree;
import net.ledgerd.tx.model.Fulfills;
import org.junit.jupiter.api.Test;

/**
 * {@link TransactionBuilder#sign} serializes once and copies the tree it parsed before; its bytes, id and transaction
 * must be those of signing, serializing and parsing each step in full.
 */
class SigningTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Ed25519KeyPair A = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final Ed25519KeyPair B = Ed25519KeyPair.fromSeed(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32
    });

    /** Metadata of every kind of value the copy takes over, with keys whose code point order differs from UTF-16's. */
    private static ObjectNode metadata() {
        ObjectNode m = F.objectNode();
        m.put("\uFFFD", "replacement").put("\uD83D\uDE00", "emoji").put("é", "").put("a\"\\\n", "\u0001");
        m.put("int", -5).put("long", 3_000_000_000L).put("min", Long.MIN_VALUE).put("small big", BigInteger.TEN);
        m.put("d", 21.5)
                .put("negative zero", -0.0)
                .put("large", 1e20)
                .put("tiny normal", 1e-300)
                .put("tenth", 0.1);
        m.put("t", true).putNull("n").putObject("empty");
        m.putArray("nested")
                .add(F.arrayNode().add(1).add(F.objectNode().put("z", 1).put("b", 2)));
        return m;
    }

    private static List<TransactionBuilder> builders(JsonNode metadata) {
        SignedTransaction c = TransactionBuilder.create(A)
                .asset(Map.of("device", "d-1", "k", List.of(1, 2.5)))
                .metadata(metadata)
                .output(3, A.publicKeyBase58())
                .output(4, A.publicKeyBase58(), B.publicKeyBase58())
                .sign(A);
        return List.of(
                TransactionBuilder.create(A, B).metadata(metadata).output(1, B.publicKeyBase58()),
                TransactionBuilder.transfer(c.transaction(), 0, 1)
                        .metadata(metadata)
                        .output(7, A.publicKeyBase58()));
    }

    /** Signing as before: the digests of the unsigned tree, the id of the signed one, then its serialization. */
    private static byte[] signedStepByStep(TransactionBuilder b) throws Exception {
        ObjectNode tx = b.unsignedJson();
        TxDigests digests = TxHashes.digests(tx);
        Map<String, Ed25519KeyPair> keys = new HashMap<>(Map.of(A.publicKeyBase58(), A, B.publicKeyBase58(), B));
        List<Fulfillment> fulfillments = new ArrayList<>();
        for (JsonNode in : tx.get("inputs")) {
            JsonNode fl = in.get("fulfills");
            Fulfills fulfills = fl.isNull()
                    ? null
                    : new Fulfills(
                            fl.get("transaction_id").asText(),
                            fl.get("output_index").asInt());
            // every condition here (the CREATE's and the spent outputs') is that of its owners_before
            List<String> owners = new ArrayList<>();
            in.get("owners_before").forEach(k -> owners.add(k.asText()));
            fulfillments.add(TransactionSigner.fulfill(
                    ConditionDetails.forOwners(owners), digests.inputMessage(fulfills), keys));
        }
        for (int i = 0; i < fulfillments.size(); i++) {
            ((ObjectNode) tx.get("inputs").get(i))
                    .put("fulfillment", fulfillments.get(i).uri());
        }
        tx.put("id", TxHashes.computeId(tx));
        return Canonical.serializeUtf8(tx);
    }

    @Test
    void theBytesAndIdAreThoseOfSigningStepByStep() throws Exception {
        for (TransactionBuilder b : builders(metadata())) {
            SignedTransaction signed = b.sign(A, B);
            byte[] expected = signedStepByStep(b);
            assertArrayEquals(expected, signed.bytes());
            assertArrayEquals(Canonical.serializeUtf8(signed.json()), signed.bytes());
            assertEquals(Transactions.parse(expected).id(), signed.id());
            assertEquals(signed.transaction().digests().id(), signed.id());
        }
    }

    @Test
    void theTransactionIsWhatAServerReadsFromTheBytes() throws Exception {
        ObjectNode odd = F.objectNode();
        // values the copy leaves to the parser: a subnormal float (read as zero), a float, a decimal, a big integer
        odd.put("subnormal", 4.9e-324).put("float", 0.1f).put("decimal", new BigDecimal("1.10"));
        odd.put("big", new BigInteger("123456789012345678901234567890"));
        for (JsonNode metadata : List.of(metadata(), odd)) {
            for (TransactionBuilder b : builders(metadata)) {
                SignedTransaction signed = b.sign(A, B);
                ObjectNode read = Transactions.parse(signed.bytes()).json();
                // equals compares number node types too; the text compares key order
                assertEquals(read, signed.json());
                assertEquals(read.toString(), signed.json().toString());
                assertEquals(
                        metadata != odd,
                        ServerTree.of(signed.json()).isPresent(),
                        "the copy covers the usual values and leaves the odd ones to the parser");
            }
        }
    }
}
