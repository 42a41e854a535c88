package net.ledgerd.app.store;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Counts, per command name, the commands a client sends, the statements they carry (the
 * documents of an {@code insert}, the statements of an {@code update} or {@code delete}, 1 for
 * any other command) and their size in BSON bytes.
 */
final class CommandCounter implements CommandListener {
    private final Map<String, AtomicLong> commands = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> statements = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        String array = switch (name) {
            case "insert" -> "documents";
            case "update" -> "updates";
            case "delete" -> "deletes";
            default -> null;
        };
        long n = array != null && event.getCommand().containsKey(array)
                ? event.getCommand().getArray(array).size()
                : 1;
        commands.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        statements.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
        bytes.computeIfAbsent(name, k -> new AtomicLong())
                .addAndGet(new RawBsonDocument(event.getCommand(), new BsonDocumentCodec())
                        .getByteBuffer()
                        .remaining());
    }

    long bytes(String name) {
        AtomicLong n = bytes.get(name);
        return n == null ? 0 : n.get();
    }

    long commands(String name) {
        AtomicLong n = commands.get(name);
        return n == null ? 0 : n.get();
    }

    long statements(String name) {
        AtomicLong n = statements.get(name);
        return n == null ? 0 : n.get();
    }

    void reset() {
        commands.clear();
        statements.clear();
        bytes.clear();
    }

    /** Commands and statements per transaction, per command name. */
    String perTransaction(long transactions) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(commands)
                .forEach((name, n) -> s.append(String.format(
                        "%s %.3f commands / %.2f statements; ",
                        name, (double) n.get() / transactions, (double) statements(name) / transactions)));
        return s.toString();
    }
}
