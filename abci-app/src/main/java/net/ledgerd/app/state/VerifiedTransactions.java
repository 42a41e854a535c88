package net.ledgerd.app.state;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import net.ledgerd.tx.model.Transaction;

/**
 * Remembers, by a digest of their exact bytes, the transactions whose id and signatures the HTTP
 * API or CheckTx verified, parsed: CheckTx and DeliverTx of the same bytes then neither parse nor
 * run the cryptography again. A transaction with the same id but other fulfillments has other
 * bytes, so it is another entry and is verified again. A signature's validity depends only on the
 * transaction bytes and the spent outputs' conditions, which never change once committed, so the
 * remembered result stays true.
 */
final class VerifiedTransactions {
    private final Map<String, Transaction> entries;

    VerifiedTransactions(int capacity) {
        this.entries = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Transaction> eldest) {
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

    synchronized void remember(String digest, Transaction tx) {
        entries.put(digest, tx);
    }

    /** The verified transaction of these bytes, or null; it stays remembered. */
    synchronized Transaction get(String digest) {
        return entries.get(digest);
    }

    /** The verified transaction of these bytes once, then forgotten (a transaction is delivered once), or null. */
    synchronized Transaction consume(String digest) {
        return entries.remove(digest);
    }
}
