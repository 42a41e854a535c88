package net.ledgerd.tx.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are CPython 3.7 {@code repr(float)} outputs recorded at development time. */
class PythonFloatTest {
    @Test
    void reprs() {
        assertEquals("0.1", PythonFloat.repr(0.1));
        assertEquals("1e+16", PythonFloat.repr(1e16));
        assertEquals("1000000000000000.0", PythonFloat.repr(1e15));
        assertEquals("0.0001", PythonFloat.repr(1e-4));
        assertEquals("1e-05", PythonFloat.repr(1e-5));
        assertEquals("-1.5e-07", PythonFloat.repr(-1.5e-7));
        assertEquals("5e-324", PythonFloat.repr(Double.MIN_VALUE));
        assertEquals("2.2250738585072014e-308", PythonFloat.repr(Double.MIN_NORMAL));
        assertEquals("1.7976931348623157e+308", PythonFloat.repr(Double.MAX_VALUE));
        assertEquals("123.456", PythonFloat.repr(123.456));
        assertEquals("-0.0", PythonFloat.repr(-0.0));
        assertEquals("1e+23", PythonFloat.repr(1e23));
        assertEquals("9007199254740992.0", PythonFloat.repr(9007199254740992.0));
        assertEquals("1.2345678901234567e+19", PythonFloat.repr(12345678901234567890.0));
        // JDK 17 Double.toString gives "2.0E-3"-style and sometimes non-shortest digits
        assertEquals("2e-323", PythonFloat.repr(2e-323));
        assertEquals("nan", PythonFloat.repr(Double.NaN));
        assertEquals("-inf", PythonFloat.repr(Double.NEGATIVE_INFINITY));
    }

    @Test
    void fastPathAgreesWithShortestSearch() {
        java.util.Random r = new java.util.Random(5);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
                default ->
                    Double.parseDouble(String.format(
                            java.util.Locale.ROOT,
                            "%." + r.nextInt(15) + "e",
                            r.nextDouble() * Math.pow(10, r.nextInt(600) - 300)));
            };
            d = Math.abs(d);
            if (!Double.isFinite(d) || d == 0) {
                continue;
            }
            PythonFloat.Digits f = PythonFloat.fromJdk(d);
            if (f != null) {
                fast++;
                java.math.BigDecimal s = PythonFloat.shortest(d);
                String digits = s.unscaledValue().toString();
                assertEquals(digits, f.digits(), "digits of " + d);
                assertEquals(digits.length() - s.scale(), f.decpt(), "exponent of " + d);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(fast > 50_000, "fast path taken " + fast);
    }
}
