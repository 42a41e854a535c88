package net.ledgerd.tx.election;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The encodings a VALIDATOR_ELECTION may give its {@code public_key} in ({@code ed25519-base16},
 * {@code -base32}, {@code -base64}), decoded exactly as BigchainDB 2.2.2's {@code
 * get_public_key_decoder} does with Python 3.6's {@code base64} module: base16 upper-case only,
 * base32 upper-case with padding, base64 skipping any character outside the alphabet.
 */
public final class ValidatorKeyCodec {
    private ValidatorKeyCodec() {}

    public static final String BASE16 = "ed25519-base16";
    public static final String BASE32 = "ed25519-base32";
    public static final String BASE64 = "ed25519-base64";

    /** The decoded bytes, or empty when the text does not decode in that encoding (Python raises). */
    public static Optional<byte[]> decode(String type, String value) {
        byte[] ascii = value.getBytes(StandardCharsets.UTF_8);
        return switch (type) {
            case BASE16 -> b16decode(ascii);
            case BASE32 -> b32decode(ascii);
            case BASE64 -> a2bBase64(ascii);
            default -> Optional.empty();
        };
    }

    /** {@code base64.b16decode(s)}: an even number of the characters 0-9A-F. */
    static Optional<byte[]> b16decode(byte[] s) {
        if (s.length % 2 != 0) {
            return Optional.empty();
        }
        byte[] out = new byte[s.length / 2];
        for (int i = 0; i < s.length; i += 2) {
            int hi = hex(s[i]);
            int lo = hex(s[i + 1]);
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            out[i / 2] = (byte) (hi << 4 | lo);
        }
        return Optional.of(out);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** {@code base64.b32decode(s)} of Python 3.6 (casefold off, no 0/1 mapping). */
    static Optional<byte[]> b32decode(byte[] s) {
        if (s.length % 8 != 0) {
            return Optional.empty();
        }
        int end = s.length;
        while (end > 0 && s[end - 1] == '=') {
            end--;
        }
        int padchars = s.length - end;
        if (padchars != 0 && padchars != 1 && padchars != 3 && padchars != 4 && padchars != 6) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long acc = 0;
        for (int i = 0; i < end; i += 8) {
            acc = 0;
            for (int j = i; j < Math.min(i + 8, end); j++) {
                int v = b32value(s[j]);
                if (v < 0) {
                    return Optional.empty();
                }
                acc = (acc << 5) + v;
            }
            for (int k = 4; k >= 0; k--) {
                out.write((int) (acc >>> (8 * k)) & 0xff);
            }
        }
        byte[] decoded = out.toByteArray();
        if (padchars == 0) {
            return Optional.of(decoded);
        }
        // Python shifts the last (short) quantum left and keeps its first bytes only
        acc <<= 5L * padchars;
        int leftover = (43 - 5 * padchars) / 8;
        byte[] last = new byte[5];
        for (int k = 0; k < 5; k++) {
            last[k] = (byte) (acc >>> (8 * (4 - k)));
        }
        byte[] result = new byte[decoded.length - 5 + leftover];
        System.arraycopy(decoded, 0, result, 0, decoded.length - 5);
        System.arraycopy(last, 0, result, decoded.length - 5, leftover);
        return Optional.of(result);
    }

    private static int b32value(byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        return c >= '2' && c <= '7' ? c - '2' + 26 : -1;
    }

    /**
     * {@code binascii.a2b_base64} of CPython 3.6 (what {@code b64decode} without {@code validate}
     * calls): characters outside the alphabet are skipped, a pad ends the input once two
     * characters of a quad were read (at the third position only when another pad follows), and
     * input ending inside a quad is "Incorrect padding".
     */
    static Optional<byte[]> a2bBase64(byte[] s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int quadPos = 0;
        int leftchar = 0;
        int leftbits = 0;
        for (int i = 0; i < s.length; i++) {
            int c = s[i] & 0xff;
            if (c > 0x7f) {
                continue;
            }
            if (c == '=') {
                if (quadPos < 2 || (quadPos == 2 && nextValid(s, i + 1) != '=')) {
                    continue;
                }
                leftbits = 0;
                break;
            }
            int v = b64value(c);
            if (v < 0) {
                continue;
            }
            quadPos = (quadPos + 1) & 3;
            leftchar = (leftchar << 6) | v;
            leftbits += 6;
            if (leftbits >= 8) {
                leftbits -= 8;
                out.write((leftchar >> leftbits) & 0xff);
                leftchar &= (1 << leftbits) - 1;
            }
        }
        return leftbits != 0 ? Optional.empty() : Optional.of(out.toByteArray());
    }

    /** The first character from {@code from} on that is in the alphabet or a pad, or -1. */
    private static int nextValid(byte[] s, int from) {
        for (int i = from; i < s.length; i++) {
            int c = s[i] & 0xff;
            if (c <= 0x7f && (c == '=' || b64value(c) >= 0)) {
                return c;
            }
        }
        return -1;
    }

    private static int b64value(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }
}
