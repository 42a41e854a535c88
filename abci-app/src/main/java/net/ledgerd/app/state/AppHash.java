package net.ledgerd.app.state;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.jcajce.provider.digest.SHA3;

/**
 * BigchainDB 2.2.2's app hash chain (core.py end_block, tendermint_utils.calculate_hash): the hash
 * of a list of strings is the hex SHA3-256 of their UTF-8 bytes concatenated, "" for no strings. A
 * block with transactions moves the app hash to hash([previous, hash(its ids)]); an empty block
 * keeps it. Tendermint receives the hex string's bytes, not the raw digest.
 */
public final class AppHash {
    private AppHash() {}

    public static String calculateHash(List<String> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        SHA3.Digest256 digest = new SHA3.Digest256();
        for (String key : keys) {
            digest.update(key.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String next(String previousAppHash, List<String> blockTransactionIds) {
        if (blockTransactionIds.isEmpty()) {
            return previousAppHash;
        }
        return calculateHash(List.of(previousAppHash, calculateHash(blockTransactionIds)));
    }
}
