package net.ledgerd.app.node;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import net.ledgerd.app.cli.AppConfig;
import net.ledgerd.testkit.FreePorts;
import net.ledgerd.testkit.MongoServer;
import net.ledgerd.testkit.TendermintNode;

/**
 * One running node for API tests: a real MongoDB-protocol server, Tendermint 0.31.5 and the app,
 * its HTTP API on a free port and its own database.
 */
public final class SingleNode implements AutoCloseable {
    public final MongoServer mongo;
    public final TendermintNode tendermint;
    public final AppNode app;
    public final String database;

    private SingleNode(MongoServer mongo, TendermintNode tendermint, AppNode app, String database) {
        this.mongo = mongo;
        this.tendermint = tendermint;
        this.app = app;
        this.database = database;
    }

    /** Starts a node named {@code name}; {@code settings} add to or override the app's test settings. */
    public static SingleNode start(String name, Map<String, String> settings) {
        return start(name, settings, options -> {});
    }

    /** As {@link #start(String, Map)}, with Tendermint's options adjusted by {@code tendermintOptions}. */
    public static SingleNode start(
            String name, Map<String, String> settings, Consumer<TendermintNode.Builder> tendermintOptions) {
        MongoServer mongo = MongoServer.start();
        int abciPort = FreePorts.next();
        TendermintNode.Builder builder =
                TendermintNode.builder().abciPort(abciPort).name("tm-" + name);
        tendermintOptions.accept(builder);
        TendermintNode tm = builder.init();
        String database = name + "_" + System.nanoTime();
        Map<String, String> flags = new HashMap<>();
        flags.put("abci.address", "127.0.0.1:" + abciPort);
        flags.put("mongodb.uri", mongo.uri());
        flags.put("mongodb.database", database);
        flags.put("http.address", "127.0.0.1:0");
        flags.put("tendermint.rpc", tm.rpcUrl().toString());
        flags.putAll(settings);
        AppNode app = AppNode.start(AppConfig.load(null, Map.of(), flags));
        tm.start();
        return new SingleNode(mongo, tm, app, database);
    }

    /** The base URL of the app's HTTP API, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + app.httpPort();
    }

    @Override
    public void close() {
        tendermint.close();
        app.close();
        mongo.close();
    }
}
