package net.ledgerd.tx.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58Test {
    static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** Reference: python base58's algorithm (big integer, '1' for each leading zero byte). */
    static byte[] reference(String s) {
        int zeros = 0;
        while (zeros < s.length() && s.charAt(zeros) == '1') {
            zeros++;
        }
        BigInteger v = BigInteger.ZERO;
        for (int i = zeros; i < s.length(); i++) {
            v = v.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(ALPHABET.indexOf(s.charAt(i))));
        }
        byte[] mag = v.signum() == 0 ? new byte[0] : v.toByteArray();
        int skip = mag.length > 0 && mag[0] == 0 ? 1 : 0;
        byte[] out = new byte[zeros + mag.length - skip];
        System.arraycopy(mag, skip, out, zeros, mag.length - skip);
        return out;
    }

    @Test
    void decodeMatchesReferenceAndRoundTrips() {
        Random r = new Random(3);
        for (int i = 0; i < 20000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(60);
            for (int j = 0; j < len; j++) {
                sb.append(r.nextInt(10) == 0 ? '1' : ALPHABET.charAt(r.nextInt(58)));
            }
            String s = sb.toString();
            assertArrayEquals(reference(s), Base58.decode(s), s);
            assertEquals(s, Base58.encode(Base58.decode(s)), s);
        }
        for (int i = 0; i < 5000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            if (b.length > 2 && r.nextBoolean()) {
                b[0] = 0;
                b[1] = 0;
            }
            assertArrayEquals(b, Base58.decode(Base58.encode(b)));
        }
    }

    @Test
    void edgeCases() {
        assertArrayEquals(new byte[0], Base58.decode(""));
        assertArrayEquals(new byte[] {0}, Base58.decode("1"));
        assertArrayEquals(new byte[] {0, 0, 0}, Base58.decode("111"));
        assertArrayEquals(new byte[] {57}, Base58.decode("z"));
        assertThrows(IllegalArgumentException.class, () -> Base58.decode("abc0"));
        assertThrows(IllegalArgumentException.class, () -> Base58.decode("\u00e9"));
    }
}
