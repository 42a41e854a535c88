package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Whether a JSON value's text ({@link JsonNode#toString}, as UTF-8) fits in a number of bytes,
 * without writing all of it: the ingestor's metadata runs to ~13 KB where the question is about
 * 1 KB. The text is Jackson's own (the writer {@code toString} uses), counted as {@link
 * String#getBytes} would encode it (a lone surrogate as one byte), and the writing stops once past
 * the limit, so the answer is exactly that of {@code toString().getBytes(UTF_8).length <= limit}.
 */
final class JsonSize {
    /** Configured as the writer of {@link JsonNode#toString} (Jackson's InternalNodeMapper): defaults. */
    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer();

    private JsonSize() {}

    static boolean atMost(JsonNode value, int limit) {
        Utf8Counter counter = new Utf8Counter(limit);
        try {
            WRITER.writeValue(counter, value);
        } catch (IOException e) {
            if (counter.past()) {
                return false;
            }
            throw new UncheckedIOException("writing JSON to count its bytes", e);
        }
        counter.close();
        return !counter.past();
    }

    /** Counts UTF-8 bytes as {@link String#getBytes} encodes the chars; refuses chars once past the limit. */
    private static final class Utf8Counter extends Writer {
        private final long limit;
        private long bytes;
        private boolean pendingHigh;

        Utf8Counter(long limit) {
            this.limit = limit;
        }

        boolean past() {
            return bytes > limit;
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                count(chars[i]);
            }
            check();
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                count(s.charAt(i));
            }
            check();
        }

        @Override
        public void write(int c) throws IOException {
            count((char) c);
            check();
        }

        private void count(char c) {
            if (pendingHigh) {
                pendingHigh = false;
                if (Character.isLowSurrogate(c)) {
                    bytes += 4;
                    return;
                }
                bytes += 1;
            }
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                pendingHigh = true;
            } else if (Character.isLowSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }

        private void check() throws IOException {
            if (past()) {
                throw new IOException("past " + limit + " bytes");
            }
        }

        @Override
        public void flush() {}

        /** Ends the text: a high surrogate last is one byte ('?'). */
        @Override
        public void close() {
            if (pendingHigh) {
                pendingHigh = false;
                bytes += 1;
            }
        }
    }
}
