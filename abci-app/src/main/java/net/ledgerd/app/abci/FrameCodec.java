package net.ledgerd.app.abci;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * ABCI 0.31.5 socket framing: every protobuf message is preceded by its length written as a
 * signed (zig-zag) varint, as Go's binary.PutVarint does. A frame whose length is negative or
 * above the limit is rejected before any of its body is read.
 */
public final class FrameCodec {

    /** Tendermint's own limit for one ABCI message (abci/types/messages.go). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 104_857_600;

    private static final int MAX_VARINT_BYTES = 10;

    private final int maxFrameBytes;

    public FrameCodec(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Reads one frame body. Returns null on a clean end of stream before the first length byte;
     * throws {@link FramingException} for a malformed length and {@link EOFException} when the
     * stream ends inside a frame.
     */
    public byte[] readFrame(InputStream in) throws IOException {
        long length = readSignedVarint(in);
        if (length == Long.MIN_VALUE) {
            return null;
        }
        if (length < 0) {
            throw new FramingException("negative frame length " + length);
        }
        if (length > maxFrameBytes) {
            throw new FramingException("frame length " + length + " exceeds the limit of " + maxFrameBytes + " bytes");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            throw new EOFException("connection closed after " + body.length + " of " + length + " frame bytes");
        }
        return body;
    }

    public static void writeFrame(OutputStream out, byte[] body) throws IOException {
        writeSignedVarint(out, body.length);
        out.write(body);
    }

    /** Zig-zag varint as Go's binary.PutVarint; Long.MIN_VALUE marks end of stream before any byte. */
    static long readSignedVarint(InputStream in) throws IOException {
        long unsigned = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                if (i == 0) {
                    return Long.MIN_VALUE;
                }
                throw new EOFException("connection closed inside a frame length");
            }
            if (i == MAX_VARINT_BYTES - 1 && b > 1) {
                throw new FramingException("frame length varint overflows 64 bits");
            }
            unsigned |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return (unsigned >>> 1) ^ -(unsigned & 1);
            }
        }
        throw new FramingException("frame length varint longer than " + MAX_VARINT_BYTES + " bytes");
    }

    static void writeSignedVarint(OutputStream out, long value) throws IOException {
        long unsigned = (value << 1) ^ (value >> 63);
        while ((unsigned & ~0x7fL) != 0) {
            out.write((int) ((unsigned & 0x7f) | 0x80));
            unsigned >>>= 7;
        }
        out.write((int) unsigned);
    }

    /** A frame that cannot be a valid ABCI message; the connection carrying it must be closed. */
    public static final class FramingException extends IOException {
        public FramingException(String message) {
            super(message);
        }
    }
}
