package net.ledgerd.app.state;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the exact bytes of transactions whose signatures the HTTP API or CheckTx verified, so
 * CheckTx and DeliverTx can skip the cryptography for them. Keyed by a digest of the raw bytes: a transaction with the same id but
 * other fulfillments is a different entry and is verified again. A signature's validity depends
 * only on the transaction bytes and the spent outputs' conditions, which never change once
 * committed, so the remembered result stays true.
 */
final class VerifiedTransactions {
    private final Map<String, Boolean> entries;

    VerifiedTransactions(int capacity) {
        this.entries = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    static String digest(byte[] raw) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    synchronized void remember(String digest) {
        entries.put(digest, Boolean.TRUE);
    }

    synchronized boolean contains(String digest) {
        return entries.containsKey(digest);
    }

    /** True once per remembered entry: a transaction is delivered once. */
    synchronized boolean consume(String digest) {
        return entries.remove(digest) != null;
    }
}
