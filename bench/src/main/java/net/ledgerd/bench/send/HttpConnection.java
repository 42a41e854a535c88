package net.ledgerd.bench.send;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One blocking HTTP/1.1 keep-alive connection, used by one sender thread. The JDK's HttpClient hands every request
 * between three threads; on a machine whose two cores are busy with the members under test, each hand-off waits for
 * a core, and the sender measured itself instead of the network. Here a request is one write and its answer one
 * read, on the sender's own thread. Answers with Content-Length or chunked bodies are read.
 */
final class HttpConnection implements Closeable {
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final URI base;
    private final Duration timeout;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpConnection(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /** POSTs the body; a connection the server closed while idle is reopened once. */
    Response post(String pathAndQuery, byte[] body) throws IOException {
        byte[] head = ("POST " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        boolean reused = socket != null;
        try {
            return exchange(head, body);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchange(head, body);
        }
    }

    private Response exchange(byte[] head, byte[] body) throws IOException {
        if (socket == null) {
            open();
        }
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        out.write(request);
        out.flush();
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer from " + base + ": " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = parts[0].equals("HTTP/1.0");
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        byte[] answer;
        if (chunked) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                buf.write(in.readNBytes((int) size));
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
            answer = buf.toByteArray();
        } else if (length >= 0) {
            answer = in.readNBytes((int) length);
            if (answer.length < length) {
                throw new EOFException(base + " closed the connection inside an answer");
            }
        } else {
            answer = in.readAllBytes();
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, answer);
    }

    private long chunkSize() throws IOException {
        String size = line();
        int semicolon = size.indexOf(';');
        return Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException(base + " closed the connection");
            }
            if (c == '\n') {
                int n = s.length();
                return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
            }
            s.append((char) c);
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) Math.min(timeout.toMillis(), 5000));
        s.setSoTimeout((int) timeout.toMillis());
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16384);
        out = s.getOutputStream();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken connection: nothing left to do with it
            }
            socket = null;
        }
    }
}
