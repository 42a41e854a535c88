package net.ledgerd.ingestor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.ledgerd.ingestor.ledger.OwnerKey;
import net.ledgerd.tx.crypto.Ed25519KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Writes a new owner key file (mode 600) and prints its public key.")
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "the key file to create")
    Path out;

    @Option(names = "--if-missing", description = "keep an existing file and print its public key")
    boolean ifMissing;

    @Override
    public Integer call() throws Exception {
        Ed25519KeyPair key;
        if (Files.exists(out)) {
            if (!ifMissing) {
                spec.commandLine()
                        .getErr()
                        .println(out + " exists; refusing to overwrite a key (--if-missing keeps it)");
                return 1;
            }
            key = OwnerKey.load(out);
        } else {
            key = OwnerKey.generate(out);
        }
        spec.commandLine().getOut().println(key.publicKeyBase58());
        return 0;
    }
}
