package net.ledgerd.tx.crypto;

import java.util.Arrays;

/** Base58 with the Bitcoin alphabet, as BigchainDB uses for keys (leading zero bytes as '1'). */
public final class Base58 {
    private Base58() {}

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    public static String encode(byte[] input) {
        if (input.length == 0) {
            return "";
        }
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        byte[] in = Arrays.copyOf(input, input.length);
        char[] encoded = new char[input.length * 2];
        int outputStart = encoded.length;
        for (int inputStart = zeros; inputStart < in.length; ) {
            encoded[--outputStart] = ALPHABET[divmod(in, inputStart, 256, 58)];
            if (in[inputStart] == 0) {
                inputStart++;
            }
        }
        while (outputStart < encoded.length && encoded[outputStart] == ALPHABET[0]) {
            outputStart++;
        }
        while (--zeros >= 0) {
            encoded[--outputStart] = ALPHABET[0];
        }
        return new String(encoded, outputStart, encoded.length - outputStart);
    }

    /** Decodes, or throws IllegalArgumentException naming the first character not in the alphabet. */
    public static byte[] decode(String input) {
        int n = input.length();
        int zeros = 0;
        while (zeros < n && input.charAt(zeros) == '1') {
            zeros++;
        }
        // big number in 32-bit limbs, least significant first; 5 base-58 digits at a time
        int[] limbs = new int[(int) ((n - zeros) * 0.1831) + 2];
        int used = 0;
        int i = zeros;
        while (i < n) {
            int chunk = 0;
            int mul = 1;
            for (int k = 0; k < 5 && i < n; k++, i++) {
                char c = input.charAt(i);
                int digit = c < 128 ? INDEXES[c] : -1;
                if (digit < 0) {
                    throw new IllegalArgumentException("character '" + c + "' at position " + i + " is not base58");
                }
                chunk = chunk * 58 + digit;
                mul *= 58;
            }
            long carry = chunk;
            for (int j = 0; j < used; j++) {
                long t = (limbs[j] & 0xFFFFFFFFL) * mul + carry;
                limbs[j] = (int) t;
                carry = t >>> 32;
            }
            if (carry != 0) {
                limbs[used++] = (int) carry;
            }
        }
        int bytes = used * 4;
        while (bytes > 0 && ((limbs[(bytes - 1) / 4] >>> (8 * ((bytes - 1) % 4))) & 0xFF) == 0) {
            bytes--;
        }
        byte[] out = new byte[zeros + bytes];
        for (int b = 0; b < bytes; b++) {
            out[zeros + bytes - 1 - b] = (byte) (limbs[b / 4] >>> (8 * (b % 4)));
        }
        return out;
    }

    /** Decodes a 32-byte key, or returns null when the text is not base58 of exactly 32 bytes. */
    public static byte[] decodeKey32(String input) {
        if (input == null || input.length() < 32 || input.length() > 44) {
            return null;
        }
        try {
            byte[] b = decode(input);
            return b.length == 32 ? b : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte divmod(byte[] number, int firstDigit, int base, int divisor) {
        int remainder = 0;
        for (int i = firstDigit; i < number.length; i++) {
            int digit = number[i] & 0xFF;
            int temp = remainder * base + digit;
            number[i] = (byte) (temp / divisor);
            remainder = temp % divisor;
        }
        return (byte) remainder;
    }
}
