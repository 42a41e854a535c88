package net.ledgerd.tx.crypto;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.Optional;

/**
 * The system libsodium's Ed25519 verification, bound with JNA direct mapping (the cheapest JNA call:
 * no proxy, byte arrays passed without a Memory copy per argument object). BigchainDB verifies with
 * PyNaCl, which is libsodium, so this is the reference behaviour on every edge case.
 */
final class LibSodium {
    private LibSodium() {}

    /** Why libsodium could not be loaded, empty when it was. */
    static final Optional<String> UNAVAILABLE = load();

    private static Optional<String> load() {
        // Debian's libsodium23 installs only the versioned libsodium.so.23 (the plain .so comes with -dev).
        String[] names = {"sodium", "libsodium.so.23"};
        Throwable last = null;
        for (String name : names) {
            try {
                Native.register(LibSodium.class, NativeLibrary.getInstance(name));
                if (sodium_init() < 0) {
                    return Optional.of("sodium_init() failed");
                }
                return Optional.empty();
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                last = e;
            }
        }
        return Optional.of("libsodium not found (" + last.getMessage() + ")");
    }

    static native int sodium_init();

    /** 0 when valid; libsodium rejects non-canonical S, small-order A and R, and non-canonical A. */
    static native int crypto_sign_verify_detached(byte[] sig, byte[] message, long messageLength, byte[] publicKey);

    static native String sodium_version_string();
}
