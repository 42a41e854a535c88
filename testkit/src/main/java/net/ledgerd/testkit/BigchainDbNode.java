package net.ledgerd.testkit;

import java.util.function.Consumer;

/**
 * A whole BigchainDB 2.2.2 member for a test: a MongoDB-protocol server ({@link MongoServer}, its own unless one is
 * given), the BigchainDB server ({@link BigchainDbServer}) and a Tendermint 0.31.5 ({@link TendermintNode}) whose
 * {@code proxy_app} is that server's ABCI port. By default Tendermint is a single validator in a temporary home; a
 * test forms a network member by giving a home made from a shared genesis (and peers) through
 * {@link Builder#tendermint}.
 *
 * <pre>{@code
 * try (BigchainDbNode node = BigchainDbNode.builder().name("ref").start()) {
 *     post(node.httpUrl() + "/api/v1/transactions?mode=commit", tx);
 * }
 * }</pre>
 */
public final class BigchainDbNode implements AutoCloseable {
    private final MongoServer mongo;
    private final boolean ownsMongo;
    private final BigchainDbServer server;
    private final TendermintNode tendermint;

    private BigchainDbNode(MongoServer mongo, boolean ownsMongo, BigchainDbServer server, TendermintNode tendermint) {
        this.mongo = mongo;
        this.ownsMongo = ownsMongo;
        this.server = server;
        this.tendermint = tendermint;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String name = "bigchaindb";
        private MongoServer mongo;
        private String database;
        private Consumer<TendermintNode.Builder> tendermintOptions = b -> {};

        /** Log-file prefix of its processes. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Store in this (already started) server, which the node then does not stop; default: a server of its own. */
        public Builder mongo(MongoServer mongo) {
            this.mongo = mongo;
            return this;
        }

        /** The database name (default: the name and a unique suffix). */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /** Further Tendermint options (home, genesis, peers, timeouts); the ABCI address is set by the node. */
        public Builder tendermint(Consumer<TendermintNode.Builder> options) {
            this.tendermintOptions = options;
            return this;
        }

        /** Starts the database server (if its own), the BigchainDB server, then Tendermint; all or nothing. */
        public BigchainDbNode start() {
            boolean ownsMongo = mongo == null;
            MongoServer db = ownsMongo ? MongoServer.start() : mongo;
            BigchainDbServer server = null;
            TendermintNode tm = null;
            try {
                int abciPort = FreePorts.next();
                TendermintNode.Builder tb = TendermintNode.builder().name(name + "-tm");
                tendermintOptions.accept(tb);
                tm = tb.abciPort(abciPort).init();
                server = BigchainDbServer.builder()
                        .name(name)
                        .mongo(db)
                        .database(database != null ? database : name.replaceAll("\\W", "_") + "_" + System.nanoTime())
                        .tendermintRpc("127.0.0.1", tm.rpcPort())
                        .abci("127.0.0.1", abciPort)
                        .build()
                        .start();
                tm.start();
                return new BigchainDbNode(db, ownsMongo, server, tm);
            } catch (RuntimeException e) {
                if (tm != null) {
                    tm.close();
                }
                if (server != null) {
                    server.close();
                }
                if (ownsMongo) {
                    db.close();
                }
                throw e;
            }
        }
    }

    /** The HTTP API's base URL, http://127.0.0.1:PORT without a trailing slash. */
    public String httpUrl() {
        return server.httpUrl();
    }

    public BigchainDbServer server() {
        return server;
    }

    public TendermintNode tendermint() {
        return tendermint;
    }

    public MongoServer mongo() {
        return mongo;
    }

    public String database() {
        return server.database();
    }

    /** Stops Tendermint, then the BigchainDB server, then the database server if it is the node's own. */
    @Override
    public void close() {
        try {
            tendermint.close();
        } finally {
            try {
                server.close();
            } finally {
                if (ownsMongo) {
                    mongo.close();
                }
            }
        }
    }
}
