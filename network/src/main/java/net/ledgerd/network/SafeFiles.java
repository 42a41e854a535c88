package net.ledgerd.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writing files whole (a reader never sees half a file) with the permissions Tendermint uses. */
public final class SafeFiles {
    /** Private keys and the validator's last-sign state: owner only. */
    public static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    /** Configuration and genesis: world-readable. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private SafeFiles() {}

    /** Creates a directory (and parents) readable by its owner only, as Tendermint does for its home. */
    public static void directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                setPermissions(dir, DIRECTORY);
            }
        } catch (FileAlreadyExistsException e) {
            throw new OperatorError(dir + " exists and is not a directory");
        } catch (IOException e) {
            throw new OperatorError("cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes the file through a temporary file in the same directory and an atomic rename. */
    public static void write(Path file, String content, Set<PosixFilePermission> permissions) {
        Path parent = file.toAbsolutePath().getParent();
        directory(parent);
        Path tmp = parent.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            setPermissions(tmp, permissions);
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw new OperatorError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new OperatorError(file + " does not exist");
        } catch (IOException e) {
            throw new OperatorError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the platform's defaults apply
        }
    }
}
