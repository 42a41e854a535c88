package net.ledgerd.app.abci;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {
    private final FrameCodec codec = new FrameCodec(1 << 20);

    private static byte[] varint(long v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameCodec.writeSignedVarint(out, v);
        return out.toByteArray();
    }

    private static byte[] frame(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameCodec.writeFrame(out, body);
        return out.toByteArray();
    }

    /** Delivers its bytes one at a time, as a socket may. */
    private static InputStream trickle(byte[] bytes) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) return 0;
                int c = read();
                if (c < 0) return -1;
                b[off] = (byte) c;
                return 1;
            }
        };
    }

    @Test
    void signedVarintMatchesGoPutVarint() throws IOException {
        // Expected bytes are what Go's binary.PutVarint produces (zig-zag, then base-128 little endian).
        assertEquals("00", HexFormat.of().formatHex(varint(0)));
        assertEquals("02", HexFormat.of().formatHex(varint(1)));
        assertEquals("01", HexFormat.of().formatHex(varint(-1)));
        assertEquals("7e", HexFormat.of().formatHex(varint(63)));
        assertEquals("7f", HexFormat.of().formatHex(varint(-64)));
        assertEquals("8001", HexFormat.of().formatHex(varint(64)));
        assertEquals("ac02", HexFormat.of().formatHex(varint(150)));
        assertEquals("feffffffffffffffff01", HexFormat.of().formatHex(varint(Long.MAX_VALUE)));
        assertEquals("ffffffffffffffffff01", HexFormat.of().formatHex(varint(Long.MIN_VALUE)));
    }

    @ParameterizedTest
    @ValueSource(
            longs = {
                0,
                1,
                -1,
                63,
                64,
                -64,
                -65,
                127,
                128,
                8191,
                8192,
                Integer.MAX_VALUE,
                Integer.MIN_VALUE,
                Long.MAX_VALUE,
                Long.MIN_VALUE + 1,
                Long.MIN_VALUE
            })
    void signedVarintRoundTrips(long value) throws IOException {
        long read = FrameCodec.readSignedVarint(new ByteArrayInputStream(varint(value)));
        if (value == Long.MIN_VALUE) {
            // Long.MIN_VALUE is the end-of-stream marker of readSignedVarint; it can never be a valid length anyway.
            assertEquals(Long.MIN_VALUE, read);
        } else {
            assertEquals(value, read);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 127, 128, 300, 65_535, 1 << 20})
    void framesRoundTrip(int size) throws IOException {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        assertArrayEquals(body, codec.readFrame(new ByteArrayInputStream(frame(body))));
    }

    @Test
    void frameSplitAcrossManyReads() throws IOException {
        byte[] body = new byte[5000];
        new Random(7).nextBytes(body);
        assertArrayEquals(body, codec.readFrame(trickle(frame(body))));
    }

    @Test
    void severalFramesInOneRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            FrameCodec.writeFrame(out, ("message " + i).getBytes());
        }
        InputStream in = new ByteArrayInputStream(out.toByteArray());
        for (int i = 0; i < 5; i++) {
            assertEquals("message " + i, new String(codec.readFrame(in)));
        }
        assertNull(codec.readFrame(in), "clean end of stream after the last frame");
    }

    @Test
    void emptyStreamIsACleanEnd() throws IOException {
        assertNull(codec.readFrame(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void negativeLengthIsRejected() throws IOException {
        byte[] bytes = concat(varint(-5), new byte[5]);
        var e = assertThrows(FrameCodec.FramingException.class, () -> codec.readFrame(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void oversizedLengthIsRejectedBeforeReadingTheBody() throws IOException {
        byte[] bytes = varint((1 << 20) + 1);
        var e = assertThrows(FrameCodec.FramingException.class, () -> codec.readFrame(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void varintLongerThanTenBytesIsRejected() {
        byte[] bytes = new byte[11];
        Arrays.fill(bytes, (byte) 0xff);
        assertThrows(FrameCodec.FramingException.class, () -> codec.readFrame(new ByteArrayInputStream(bytes)));
    }

    @Test
    void varintOverflowingInTheTenthByteIsRejected() {
        byte[] bytes = new byte[10];
        Arrays.fill(bytes, (byte) 0xff);
        bytes[9] = 0x02;
        assertThrows(FrameCodec.FramingException.class, () -> codec.readFrame(new ByteArrayInputStream(bytes)));
    }

    @Test
    void truncatedBodyIsAnEndOfStreamInsideAFrame() throws IOException {
        byte[] full = frame(new byte[100]);
        byte[] cut = Arrays.copyOf(full, 50);
        assertThrows(EOFException.class, () -> codec.readFrame(trickle(cut)));
    }

    @Test
    void truncatedLengthIsAnEndOfStreamInsideAFrame() {
        assertThrows(EOFException.class, () -> codec.readFrame(new ByteArrayInputStream(new byte[] {(byte) 0x80})));
    }

    @Test
    void randomGarbageNeverEscapesAsAnUncheckedException() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(40)];
            random.nextBytes(garbage);
            try {
                InputStream in = new ByteArrayInputStream(garbage);
                while (codec.readFrame(in) != null) {
                    // keep reading until the garbage ends or is rejected
                }
            } catch (IOException expected) {
                // FramingException or EOFException: the connection would be closed
            }
        }
    }

    @Test
    void nonPositiveLimitIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new FrameCodec(0));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
