package net.ledgerd.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sets existing keys in a Tendermint config.toml by section ("p2p.laddr", or "moniker" at top level). */
final class TomlEdit {
    private TomlEdit() {}

    static void apply(Path file, Map<String, String> settings) {
        try {
            List<String> lines = Files.readAllLines(file);
            Map<String, String> pending = new HashMap<>(settings);
            String section = "";
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = line.substring(1, line.length() - 1) + ".";
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0 || line.startsWith("#")) {
                    continue;
                }
                String key = section + line.substring(0, eq).trim();
                String value = pending.remove(key);
                if (value != null) {
                    lines.set(i, line.substring(0, eq).trim() + " = " + value);
                }
            }
            if (!pending.isEmpty()) {
                throw new IllegalArgumentException("keys not found in " + file + ": " + pending.keySet());
            }
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
