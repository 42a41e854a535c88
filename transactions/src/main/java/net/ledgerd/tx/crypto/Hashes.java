package net.ledgerd.tx.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.util.encoders.Hex;

/** SHA3-256 (transaction ids, signing messages) and SHA-256 (condition fingerprints). */
public final class Hashes {
    private Hashes() {}

    public static byte[] sha3_256(byte[] data) {
        return sha3_256(data, 0, data.length);
    }

    public static byte[] sha3_256(byte[] data, int off, int len) {
        SHA3Digest d = new SHA3Digest(256);
        d.update(data, off, len);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    public static String sha3_256Hex(byte[] data, int off, int len) {
        return Hex.toHexString(sha3_256(data, off, len));
    }

    public static byte[] sha256(byte[] data) {
        SHA256Digest d = new SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
