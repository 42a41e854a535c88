package net.ledgerd.app.node;

import java.io.IOException;
import net.ledgerd.app.abci.GrpcServer;
import net.ledgerd.app.abci.SocketServer;
import net.ledgerd.app.api.HttpApi;
import net.ledgerd.app.cli.AppConfig;
import net.ledgerd.app.metrics.AppMetrics;
import net.ledgerd.app.state.LedgerApplication;
import net.ledgerd.app.store.LedgerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running app: the store, the state machine and its transports, started and stopped together. */
public final class AppNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AppNode.class);

    private final LedgerStore store;
    private final LedgerApplication application;
    private final HttpApi api;
    private final AppMetrics metrics;
    private final AutoCloseable abciServer;
    private final int abciPort;

    private AppNode(
            LedgerStore store,
            LedgerApplication application,
            AppMetrics metrics,
            HttpApi api,
            AutoCloseable abciServer,
            int abciPort) {
        this.store = store;
        this.metrics = metrics;
        this.api = api;
        this.application = application;
        this.abciServer = abciServer;
        this.abciPort = abciPort;
    }

    public static AppNode start(AppConfig config) {
        LedgerStore store = LedgerStore.open(config.mongodbUri(), config.database(), config.historyPassInterval());
        AppMetrics metrics = new AppMetrics();
        metrics.watchHistory(store.historyFeed());
        LedgerApplication app = new LedgerApplication(store, metrics);
        HttpApi api = null;
        try {
            api = new HttpApi(store, app, metrics, config);
            if (config.transport() == AppConfig.Transport.GRPC) {
                GrpcServer grpc = new GrpcServer(app, config.abciAddress(), config.maxFrameBytes());
                grpc.start();
                return new AppNode(store, app, metrics, api, grpc, grpc.port());
            }
            SocketServer socket = new SocketServer(app, config.abciAddress(), config.maxFrameBytes());
            socket.start();
            return new AppNode(store, app, metrics, api, socket, socket.port());
        } catch (IOException | RuntimeException e) {
            if (api != null) {
                api.close();
            }
            store.close();
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
    }

    public int httpPort() {
        return api.port();
    }

    public AppMetrics metrics() {
        return metrics;
    }

    public LedgerApplication application() {
        return application;
    }

    public int abciPort() {
        return abciPort;
    }

    @Override
    public void close() {
        try {
            abciServer.close();
        } catch (Exception e) {
            log.warn("closing the ABCI server failed", e);
        }
        api.close();
        store.close();
    }
}
