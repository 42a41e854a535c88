package net.ledgerd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A one-line description of this machine for the report: CPU model, cores, memory. */
final class Machine {
    private Machine() {}

    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        long memGb = mem == null ? 0 : Math.round(Long.parseLong(mem.replaceAll("\\D", "")) / 1024.0 / 1024.0);
        return (cpu == null ? System.getProperty("os.arch") : cpu) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, "
                + (memGb > 0 ? memGb + " GB RAM, " : "") + System.getProperty("os.name") + ", Java "
                + Runtime.version().feature();
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return null; // not Linux: the report says less about the machine
        }
        return null;
    }
}
