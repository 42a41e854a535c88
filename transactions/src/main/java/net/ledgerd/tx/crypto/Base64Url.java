package net.ledgerd.tx.crypto;

import java.util.Base64;

/** base64url without padding, as crypto-condition fulfillments and condition fingerprints use. */
public final class Base64Url {
    private Base64Url() {}

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    public static String encode(byte[] b) {
        return ENC.encodeToString(b);
    }

    /**
     * Decodes unpadded (or correctly padded) base64url. Throws IllegalArgumentException for
     * characters outside the alphabet, a length of 4n+1, or non-zero unused trailing bits.
     */
    public static byte[] decode(String s) {
        int rem = s.length() % 4;
        if (rem == 1) {
            throw new IllegalArgumentException("base64url text of length " + s.length() + " is truncated");
        }
        byte[] out = DEC.decode(s);
        // java.util.Base64 ignores non-zero unused bits in the last character; require them zero so
        // that each byte string has exactly one text form.
        if (rem != 0 && !s.endsWith("=")) {
            int last = sextet(s.charAt(s.length() - 1));
            int unusedMask = rem == 2 ? 0x0F : 0x03;
            if ((last & unusedMask) != 0) {
                throw new IllegalArgumentException("base64url text has non-zero padding bits");
            }
        }
        return out;
    }

    /**
     * Decodes unpadded base64url as Python's {@code base64.urlsafe_b64decode} does after
     * cryptoconditions adds the padding: non-zero unused bits in the last character are ignored.
     * Throws IllegalArgumentException for characters outside the alphabet or a length of 4n+1.
     */
    public static byte[] decodeLenient(String s) {
        int rem = s.length() % 4;
        if (rem == 1) {
            throw new IllegalArgumentException("base64url text of length " + s.length() + " is truncated");
        }
        return DEC.decode(s);
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }
}
