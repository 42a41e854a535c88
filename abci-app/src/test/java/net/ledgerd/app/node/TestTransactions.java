package net.ledgerd.app.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import net.ledgerd.tx.build.SignedTransaction;
import net.ledgerd.tx.build.TransactionBuilder;
import net.ledgerd.tx.crypto.Ed25519KeyPair;

/** Signed transactions for node-level tests, made with the transactions library's builder. */
public final class TestTransactions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Ed25519KeyPair owner = Ed25519KeyPair.generate();
    private final Ed25519KeyPair other = Ed25519KeyPair.generate();

    /** A created asset with its owner's key, to transfer later. */
    public record Created(SignedTransaction signed, Ed25519KeyPair owner) {
        public String id() {
            return signed.id();
        }

        public byte[] bytes() {
            return signed.bytes();
        }

        public String ownerPublicKey() {
            return owner.publicKeyBase58();
        }
    }

    /** A signed CREATE of one token, an IoT-style reading in its metadata. */
    public byte[] create(String label) {
        return createOwned(label, 1).bytes();
    }

    public Created createOwned(String label, long amount) {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        SignedTransaction tx = TransactionBuilder.create(key)
                .asset(Map.of("device", label, "k", "device_temperature"))
                .metadata(Map.of(
                        "m",
                        java.util.List.of(Map.of(
                                "t",
                                System.currentTimeMillis(),
                                "tz",
                                "UTC",
                                "k",
                                "device_temperature",
                                "v",
                                21.5,
                                "u",
                                "C"))))
                .output(amount, key.publicKeyBase58())
                .sign(key);
        return new Created(tx, key);
    }

    /** Transfers all of the created amount to another key. */
    public byte[] transferAll(Created created, long amount) {
        return TransactionBuilder.transfer(created.signed().transaction(), 0)
                .output(amount, other.publicKeyBase58())
                .sign(created.owner())
                .bytes();
    }

    public String somePublicKey() {
        return owner.publicKeyBase58();
    }

    /** The same transaction (same id) written with other bytes: pretty-printed. */
    public byte[] sameIdOtherBytes(byte[] tx) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.readTree(tx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String idOf(byte[] tx) {
        try {
            JsonNode node = JSON.readTree(tx);
            return node.get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
