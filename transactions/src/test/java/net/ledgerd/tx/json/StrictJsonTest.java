package net.ledgerd.tx.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.ledgerd.tx.validation.Rule;
import net.ledgerd.tx.validation.ValidationException;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static Rule reject(byte[] b) {
        return assertThrows(ValidationException.class, () -> StrictJson.parse(b))
                .rule();
    }

    private static Rule reject(String s) {
        return reject(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void malformed() {
        assertEquals(Rule.MALFORMED_JSON, reject(""));
        assertEquals(Rule.MALFORMED_JSON, reject("{"));
        assertEquals(Rule.MALFORMED_JSON, reject("{} {}"));
        assertEquals(Rule.MALFORMED_JSON, reject("{}x"));
        assertEquals(Rule.MALFORMED_JSON, reject("{} 1"));
        assertEquals(Rule.MALFORMED_JSON, reject("{\"a\":Infinity}"));
        assertEquals(Rule.MALFORMED_JSON, reject("{\"a\":1,}"));
        assertEquals(Rule.MALFORMED_JSON, reject("{'a':1}"));
        assertEquals(Rule.MALFORMED_JSON, reject("NaN"));
        assertEquals(Rule.MALFORMED_JSON, reject("{\"a\":01}"));
        assertEquals(Rule.MALFORMED_JSON, reject("\"a\tb\""));
    }

    @Test
    void duplicateKeysRefused() {
        assertEquals(Rule.DUPLICATE_KEY, reject("{\"a\":1,\"a\":2}"));
    }

    @Test
    void aServerReadKeepsTheLastOfRepeatedKeysAsPythonDoes() throws Exception {
        StrictJson.ServerRead read = StrictJson.readAsBigchainDbServer(
                "{\"a\":1,\"b\":{\"c\":true,\"c\":[2]},\"a\":3}".getBytes(StandardCharsets.UTF_8));
        assertTrue(read.duplicateKeys());
        assertEquals("{\"a\":3,\"b\":{\"c\":[2]}}", Canonical.serialize(read.tree()));
        assertFalse(StrictJson.readAsBigchainDbServer("{\"a\":1}".getBytes(StandardCharsets.UTF_8))
                .duplicateKeys());
    }

    @Test
    void aServerReadFlushesSubnormalsToZeroAsGeventDoes() throws Exception {
        String in = "[5e-324,-1e-310,2.225073858507201e-308,2.2250738585072014e-308,-0.0,1e-400,1.5]";
        assertEquals(
                "[0.0,-0.0,0.0,2.2250738585072014e-308,-0.0,0.0,1.5]",
                Canonical.serialize(StrictJson.parseAsBigchainDbServer(in.getBytes(StandardCharsets.UTF_8))));
        // plain JSON reading (Python without gevent) keeps them
        assertEquals(
                "[5e-324,-1e-310,2.225073858507201e-308,2.2250738585072014e-308,-0.0,0.0,1.5]",
                Canonical.serialize(StrictJson.parse(in.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void byteOrderMarkRefused() {
        assertEquals(Rule.MALFORMED_JSON, reject(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}));
    }

    @Test
    void invalidUtf8Refused() {
        assertEquals(Rule.INVALID_UNICODE, reject(new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'})); // overlong NUL
        assertEquals(
                Rule.INVALID_UNICODE,
                reject(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'})); // surrogate
        assertEquals(Rule.INVALID_UNICODE, reject(new byte[] {'"', (byte) 0xFF, '"'}));
        assertEquals(Rule.INVALID_UNICODE, reject(new byte[] {'"', (byte) 0xE2, (byte) 0x82, '"'})); // truncated
        assertEquals(
                Rule.INVALID_UNICODE,
                reject(new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}));
    }

    @Test
    void loneSurrogateEscapesRefused() {
        assertEquals(Rule.INVALID_UNICODE, reject("{\"k\":\"\\ud800\"}"));
        assertEquals(Rule.INVALID_UNICODE, reject("{\"k\":\"\\udc00x\"}"));
        assertEquals(Rule.INVALID_UNICODE, reject("{\"\\ud83d\":1}"));
        assertEquals(Rule.INVALID_UNICODE, reject("[\"ok\", [\"\\ude00\\ud83d\"]]"));
    }

    @Test
    void validSurrogatePairAccepted() throws Exception {
        assertEquals(
                "\uD83D\uDE00",
                StrictJson.parse("\"\\ud83d\\ude00\"".getBytes(StandardCharsets.UTF_8))
                        .textValue());
    }

    @Test
    void nonFiniteNumbersRefused() {
        assertEquals(Rule.NUMBER_OUT_OF_RANGE, reject("{\"x\":1e400}"));
        assertEquals(Rule.NUMBER_OUT_OF_RANGE, reject("[-1e309]"));
    }

    @Test
    void hugeNumberRefused() {
        assertEquals(Rule.NUMBER_OUT_OF_RANGE, reject("[" + "9".repeat(1001) + "]"));
    }

    @Test
    void depthLimit() throws Exception {
        String ok = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
        StrictJson.parse(ok.getBytes(StandardCharsets.UTF_8));
        String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
        assertEquals(Rule.JSON_TOO_DEEP, reject(deep));
    }

    @Test
    void utf8Validator() {
        assertEquals(-1, Utf8.firstInvalid("h\u00e9\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, Utf8.firstInvalid(new byte[] {'a', (byte) 0xE0, (byte) 0x80, (byte) 0x80}));
        assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0x80}));
    }
}
