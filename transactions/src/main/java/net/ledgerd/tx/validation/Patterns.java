package net.ledgerd.tx.validation;

/**
 * The v2.0 schema's {@code pattern}s as hand-written matchers with rapidjson's semantics (a
 * search unless anchored; {@code $} is the end of the text). Equivalent to the regular expressions
 * in {@link SchemaV2} (a test compares them) but several times faster: the schema is checked on
 * every transaction.
 */
final class Patterns {
    private Patterns() {}

    /** {@code [0-9a-f]{64}} (search): a run of at least 64 lower-case hex digits. */
    static boolean sha3Hexdigest(String s) {
        return longestRun(s, Patterns::isLowerHex) >= 64;
    }

    /** {@code [1-9a-zA-Z^OIl]{43,44}} (search): a run of at least 43 such characters. */
    static boolean base58(String s) {
        return longestRun(s, Patterns::isBase58Class) >= 43;
    }

    /** {@code ^[0-9]{1,20}$}. */
    static boolean amount(String s) {
        int n = s.length();
        if (n < 1 || n > 20) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code ^[a-zA-Z0-9_-]*$}. */
    static boolean base64Url(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code ^2\.0$}. */
    static boolean version(String s) {
        return s.equals("2.0");
    }

    private static final String URI_PREFIX = "ni:///sha-256;";
    private static final String[] FIXED = {"fpt=ed25519-sha-256", "fpt=threshold-sha-256", "subtypes=ed25519-sha-256"};

    /**
     * {@code ^ni:///sha-256;([a-zA-Z0-9_-]{0,86})[?](fpt=(ed25519|threshold)-sha-256(&)?
     * |cost=[0-9]+(&)?|subtypes=ed25519-sha-256(&)?){2,3}$}.
     */
    static boolean conditionUri(String s) {
        if (!s.startsWith(URI_PREFIX)) {
            return false;
        }
        int i = URI_PREFIX.length();
        int start = i;
        while (i < s.length() && isBase64UrlChar(s.charAt(i))) {
            i++;
        }
        if (i - start > 86 || i >= s.length() || s.charAt(i) != '?') {
            return false;
        }
        return params(s, i + 1, 0);
    }

    /** Whether s[pos..] is k more of (alternative &?) with 2 <= count + k <= 3. */
    private static boolean params(String s, int pos, int count) {
        if (pos == s.length()) {
            return count >= 2;
        }
        if (count == 3) {
            return false;
        }
        for (String f : FIXED) {
            if (s.startsWith(f, pos) && afterParam(s, pos + f.length(), count)) {
                return true;
            }
        }
        if (s.startsWith("cost=", pos)) {
            int j = pos + 5;
            int digits = j;
            while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                j++;
            }
            // [0-9]+ : any non-empty prefix of the digit run (the next token never starts with a digit)
            for (int end = j; end > digits; end--) {
                if (afterParam(s, end, count)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean afterParam(String s, int pos, int count) {
        if (pos < s.length() && s.charAt(pos) == '&' && params(s, pos + 1, count + 1)) {
            return true;
        }
        return params(s, pos, count + 1);
    }

    private interface CharClass {
        boolean has(char c);
    }

    private static int longestRun(String s, CharClass cls) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            if (cls.has(s.charAt(i))) {
                run++;
                if (run > best) {
                    best = run;
                }
            } else {
                run = 0;
            }
        }
        return best;
    }

    private static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    private static boolean isBase58Class(char c) {
        return (c >= '1' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '^';
    }

    private static boolean isBase64UrlChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
