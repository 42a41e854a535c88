package net.ledgerd.app.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.ledgerd.app.node.AppNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = "Serve ABCI to Tendermint and the BigchainDB HTTP API, storing state in MongoDB.",
        footer = "Every option can also be set in the config file (key=value) or as LEDGERD_<KEY> in the environment.")
final class StartCommand implements Callable<Integer> {
    @Option(names = "--config", description = "Config file (key=value lines).")
    Path config;

    @Option(
            names = "--abci-address",
            description = "abci.address: where Tendermint connects (default ${DEFAULT-VALUE}).",
            defaultValue = Option.NULL_VALUE)
    String abciAddress;

    @Option(names = "--transport", description = "abci.transport: socket or grpc (Tendermint's abci setting).")
    String transport;

    @Option(names = "--mongodb-uri", description = "mongodb.uri")
    String mongodbUri;

    @Option(names = "--database", description = "mongodb.database (BigchainDB's default: bigchain)")
    String database;

    @Option(names = "--http-address", description = "http.address: the BigchainDB HTTP API")
    String httpAddress;

    @Option(
            names = "--tendermint-rpc",
            description = "tendermint.rpc: where transactions posted to the API are broadcast")
    String tendermintRpc;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put("abci.address", abciAddress);
        flags.put("abci.transport", transport);
        flags.put("mongodb.uri", mongodbUri);
        flags.put("mongodb.database", database);
        flags.put("http.address", httpAddress);
        flags.put("tendermint.rpc", tendermintRpc);
        AppConfig cfg;
        try {
            cfg = AppConfig.load(config, System.getenv(), flags);
        } catch (AppConfig.ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            return 2;
        }
        AppNode node = AppNode.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        stopped.await();
        return 0;
    }
}
