package net.ledgerd.ingestor.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import net.ledgerd.tx.crypto.Ed25519KeyPair;

/**
 * The key pair that signs and owns every reading asset, read from a key file: one line holding the base58 private
 * key (the 32-byte seed, as the BigchainDB drivers print it). A file that its group or others may read or write is
 * refused: whoever can read it can write readings in the owner's name.
 */
public final class OwnerKey {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private OwnerKey() {}

    /** Thrown when the key file is missing, readable by others or not a key. */
    public static final class KeyFileException extends Exception {
        public KeyFileException(String message) {
            super(message);
        }
    }

    public static Ed25519KeyPair load(Path file) throws KeyFileException {
        if (!Files.isRegularFile(file)) {
            throw new KeyFileException("the owner key file " + file
                    + " does not exist; create one with `ledgerd-ingestor keygen --out " + file + "`");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new KeyFileException("the owner key file " + file + " can be accessed by others ("
                        + PosixFilePermissions.toString(perms) + "); it must be readable by its owner only: chmod 600 "
                        + file);
            }
            String text = Files.readString(file).trim();
            try {
                return Ed25519KeyPair.fromBase58PrivateKey(text);
            } catch (RuntimeException e) {
                throw new KeyFileException("the owner key file " + file
                        + " does not hold a base58 Ed25519 private key (32 bytes): " + e.getMessage());
            }
        } catch (IOException e) {
            throw new KeyFileException("cannot read the owner key file " + file + ": " + e);
        }
    }

    /** Writes a new key file readable by its owner only (created with those permissions, never widened). */
    public static Ed25519KeyPair generate(Path file) throws IOException {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, key.privateKeyBase58() + "\n");
        return key;
    }
}
