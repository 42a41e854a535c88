package net.ledgerd.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough of the MongoDB wire protocol (one OP_MSG round trip) to ask a server started for a test
 * whether it answers, without a driver on the compile classpath.
 */
public final class MongoWire {
    private static final int OP_MSG = 2013;

    private MongoWire() {}

    /**
     * Runs {@code {<command>: 1, $db: "admin"}} and returns the reply's top-level scalar fields
     * (double, string, boolean, int32, int64; nested documents and other types are left out).
     */
    public static Map<String, Object> command(String host, int port, String command, Duration timeout)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] body = bson(command);
            ByteBuffer msg = ByteBuffer.allocate(16 + 4 + 1 + body.length).order(ByteOrder.LITTLE_ENDIAN);
            msg.putInt(16 + 4 + 1 + body.length)
                    .putInt(1)
                    .putInt(0)
                    .putInt(OP_MSG); // header: length, requestID, responseTo, opCode
            msg.putInt(0); // flagBits
            msg.put((byte) 0).put(body); // section kind 0: the command document
            OutputStream out = socket.getOutputStream();
            out.write(msg.array());
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[16];
            in.readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int length = h.getInt();
            h.getInt();
            h.getInt();
            int opCode = h.getInt();
            if (opCode != OP_MSG || length < 21 || length > 48_000_000) {
                throw new IOException("not an OP_MSG reply from " + host + ":" + port + " (opCode " + opCode
                        + ", length " + length + ")");
            }
            byte[] rest = new byte[length - 16];
            in.readFully(rest);
            ByteBuffer r = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
            r.getInt(); // flagBits
            if (r.get() != 0) {
                throw new IOException("unexpected OP_MSG section kind in reply from " + host + ":" + port);
            }
            return scalars(r);
        }
    }

    /** Whether the server answers {@code hello} with ok: 1 (falls back to isMaster for servers older than 4.4). */
    public static boolean answersHello(String host, int port, Duration timeout) {
        for (String command : new String[] {"hello", "isMaster"}) {
            try {
                Object ok = command(host, port, command, timeout).get("ok");
                if (ok instanceof Number n && n.doubleValue() == 1.0) {
                    return true;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private static byte[] bson(String command) {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        elements.write(0x10);
        cstring(elements, command);
        int32(elements, 1);
        elements.write(0x02);
        cstring(elements, "$db");
        byte[] db = "admin".getBytes(StandardCharsets.UTF_8);
        int32(elements, db.length + 1);
        elements.writeBytes(db);
        elements.write(0);
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        int32(doc, 4 + elements.size() + 1);
        doc.writeBytes(elements.toByteArray());
        doc.write(0);
        return doc.toByteArray();
    }

    private static void cstring(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static Map<String, Object> scalars(ByteBuffer b) throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        int start = b.position();
        int end = start + b.getInt() - 1;
        while (b.position() < end) {
            byte type = b.get();
            String name = readCString(b);
            switch (type) {
                case 0x01 -> result.put(name, b.getDouble());
                case 0x02 -> {
                    int len = b.getInt();
                    byte[] s = new byte[len - 1];
                    b.get(s);
                    b.get();
                    result.put(name, new String(s, StandardCharsets.UTF_8));
                }
                case 0x03, 0x04 -> {
                    int len = b.getInt();
                    b.position(b.position() + len - 4);
                }
                case 0x05 -> {
                    int len = b.getInt();
                    b.position(b.position() + 1 + len);
                }
                case 0x07 -> b.position(b.position() + 12);
                case 0x08 -> result.put(name, b.get() != 0);
                case 0x09, 0x11 -> b.position(b.position() + 8);
                case 0x0A -> result.put(name, null);
                case 0x10 -> result.put(name, b.getInt());
                case 0x12 -> result.put(name, b.getLong());
                case 0x13 -> b.position(b.position() + 16);
                default -> {
                    return result; // a type this probe does not need; what was read so far is enough
                }
            }
        }
        return result;
    }

    private static String readCString(ByteBuffer b) throws IOException {
        int start = b.position();
        while (b.hasRemaining() && b.get() != 0) {
            // scan to the terminating zero
        }
        if (b.get(b.position() - 1) != 0) {
            throw new IOException("truncated BSON reply");
        }
        return new String(b.array(), b.arrayOffset() + start, b.position() - start - 1, StandardCharsets.UTF_8);
    }
}
