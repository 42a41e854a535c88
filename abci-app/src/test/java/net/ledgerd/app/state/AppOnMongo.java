package net.ledgerd.app.state;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.ledgerd.app.metrics.AppMetrics;
import net.ledgerd.app.store.LedgerStore;
import net.ledgerd.proto.abci.Header;
import net.ledgerd.proto.abci.RequestBeginBlock;
import net.ledgerd.proto.abci.RequestCheckTx;
import net.ledgerd.proto.abci.RequestCommit;
import net.ledgerd.proto.abci.RequestDeliverTx;
import net.ledgerd.proto.abci.RequestEndBlock;
import net.ledgerd.proto.abci.ResponseCheckTx;
import net.ledgerd.proto.abci.ResponseDeliverTx;
import net.ledgerd.proto.abci.ResponseEndBlock;
import net.ledgerd.testkit.MongoServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link LedgerApplication} driven through its ABCI calls as Tendermint would, on a real
 * MongoDB-protocol server (one per test class) and a fresh database per test; no Tendermint at this
 * layer. Register it as a static {@code @RegisterExtension} field; each test then sends InitChain.
 */
final class AppOnMongo implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final String databasePrefix;
    private MongoServer mongo;
    private LedgerStore store;
    private LedgerApplication app;
    private long committedHeight;

    /** What Tendermint got back from one block. */
    record Block(List<ResponseDeliverTx> delivered, ResponseEndBlock end) {}

    AppOnMongo(String databasePrefix) {
        this.databasePrefix = databasePrefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        mongo = MongoServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        mongo.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        store = LedgerStore.open(
                mongo.uri(), databasePrefix + "_" + UUID.randomUUID().toString().substring(0, 8));
        app = new LedgerApplication(store, new AppMetrics());
        committedHeight = 0;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        store.close();
    }

    LedgerStore store() {
        return store;
    }

    LedgerApplication app() {
        return app;
    }

    /** The height of the last block this fixture committed. */
    long height() {
        return committedHeight;
    }

    /** A new app on the same database, as after the process was killed; the next block replays an uncommitted one. */
    LedgerApplication restart(AppMetrics metrics) {
        app = new LedgerApplication(store, metrics);
        return app;
    }

    ResponseCheckTx check(byte[] tx) {
        return app.checkTx(
                RequestCheckTx.newBuilder().setTx(ByteString.copyFrom(tx)).build());
    }

    /** BeginBlock at the height after the last commit, DeliverTx of each, EndBlock, and Commit when asked. */
    Block block(boolean commit, byte[]... txs) {
        long height = committedHeight + 1;
        app.beginBlock(RequestBeginBlock.newBuilder()
                .setHeader(Header.newBuilder().setHeight(height))
                .build());
        List<ResponseDeliverTx> delivered = new ArrayList<>();
        for (byte[] tx : txs) {
            delivered.add(app.deliverTx(
                    RequestDeliverTx.newBuilder().setTx(ByteString.copyFrom(tx)).build()));
        }
        ResponseEndBlock end =
                app.endBlock(RequestEndBlock.newBuilder().setHeight(height).build());
        if (commit) {
            app.commit(RequestCommit.getDefaultInstance());
            committedHeight = height;
        }
        return new Block(delivered, end);
    }
}
