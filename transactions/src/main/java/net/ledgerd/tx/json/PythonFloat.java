package net.ledgerd.tx.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double the way CPython's {@code repr(float)} does, which is also what python-rapidjson
 * (0.9.1 and 1.x) writes for a float: the shortest decimal string that reads back to the same
 * double, in fixed notation when the decimal exponent is in [-4, 16), otherwise in exponent
 * notation with a sign and at least two exponent digits ({@code 1e+16}, {@code 1.5e-07}).
 * Integral values in fixed notation keep a trailing {@code .0}.
 *
 * <p>JDK 17's {@link Double#toString(double)} is not always the shortest representation, so the
 * digits are found here with {@link BigDecimal}. Floats are rare in transactions; this is not a hot
 * path.
 */
public final class PythonFloat {
    private PythonFloat() {}

    /** {@code repr(d)} for a finite double; "nan", "inf", "-inf" otherwise (as Python prints). */
    public static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0.0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
        }
        boolean negative = d < 0;
        double abs = Math.abs(d);
        String digits;
        int decpt;
        Digits fast = fromJdk(abs);
        if (fast != null) {
            digits = fast.digits();
            decpt = fast.decpt();
        } else {
            BigDecimal shortest = shortest(abs);
            // shortest = unscaled * 10^-scale, unscaled without trailing zeros
            digits = shortest.unscaledValue().toString();
            decpt = digits.length() - shortest.scale();
        }
        // value = 0.DIGITS * 10^decpt
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (decpt <= -4 || decpt > 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            out.append('e').append(exp < 0 ? '-' : '+');
            int absExp = Math.abs(exp);
            if (absExp < 10) {
                out.append('0');
            }
            out.append(absExp);
        } else if (decpt <= 0) {
            out.append("0.");
            for (int i = 0; i < -decpt; i++) {
                out.append('0');
            }
            out.append(digits);
        } else if (decpt < digits.length()) {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        } else {
            out.append(digits);
            for (int i = digits.length(); i < decpt; i++) {
                out.append('0');
            }
            out.append(".0");
        }
        return out.toString();
    }

    /**
     * Fast path: JDK 17's {@link Double#toString} always reads back to the same double, but is not
     * always the shortest such decimal. When it has at most 15 significant digits it is: for a
     * normal double, two different decimals of at most 15 digits never read back to the same double
     * (DBL_DIG = 15).
     * Returns null when the slow path is needed.
     */
    static Digits fromJdk(double abs) {
        if (abs < Double.MIN_NORMAL) {
            return null; // subnormals carry fewer than 15 significant digits
        }
        String s = Double.toString(abs);
        int e = s.indexOf('E');
        int exp = 0;
        String mant = s;
        if (e >= 0) {
            exp = Integer.parseInt(s.substring(e + 1));
            mant = s.substring(0, e);
        }
        int dot = mant.indexOf('.');
        String intPart = mant.substring(0, dot);
        String frac = mant.substring(dot + 1);
        String all = intPart + frac;
        int decpt = intPart.length() + exp;
        int lead = 0;
        while (lead < all.length() - 1 && all.charAt(lead) == '0') {
            lead++;
        }
        decpt -= lead;
        int end = all.length();
        while (end > lead + 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        String digits = all.substring(lead, end);
        if (digits.length() > 15 || digits.equals("0")) {
            return null;
        }
        return new Digits(digits, decpt);
    }

    /** value = 0.DIGITS * 10^decpt */
    record Digits(String digits, int decpt) {}

    /**
     * The shortest decimal that rounds back to {@code d} (positive, finite, non-zero); among
     * several of that length, the one nearest to the exact binary value (as David Gay's dtoa mode 0,
     * used by CPython, picks it).
     */
    static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p <= 17; p++) {
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.UP));
            boolean downOk = down.doubleValue() == d;
            boolean upOk = up.doubleValue() == d;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                if (cmp < 0) {
                    return down.stripTrailingZeros();
                }
                if (cmp > 0) {
                    return up.stripTrailingZeros();
                }
                BigDecimal half = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
                return half.stripTrailingZeros();
            }
            if (downOk) {
                return down.stripTrailingZeros();
            }
            if (upOk) {
                return up.stripTrailingZeros();
            }
        }
        // 17 significant digits always round-trip; not reached.
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
