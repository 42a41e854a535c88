package net.ledgerd.ingestor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.ledgerd.ingestor.ledger.AssetKey;
import net.ledgerd.ingestor.ledger.OwnerKey;
import net.ledgerd.ingestor.ledger.ReadingTransactions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "asset-id",
        mixinStandardHelpOptions = true,
        description = "Prints the asset id of a device's key (its CREATE's id, computed without asking the ledger),"
                + " for GET /api/v1/transactions?asset_id=...")
final class AssetIdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--key-file", required = true)
    Path keyFile;

    @Option(names = "--device", required = true)
    String device;

    @Option(names = "--key", required = true)
    String key;

    @Option(names = "--unit", required = true)
    String unit;

    @Override
    public Integer call() throws Exception {
        ReadingTransactions txs = new ReadingTransactions(OwnerKey.load(keyFile));
        spec.commandLine()
                .getOut()
                .println(txs.create(new AssetKey(device, key, unit)).id());
        return 0;
    }
}
