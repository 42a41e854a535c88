package net.ledgerd.app.store;

/** A write to the database did not finish in time: the app stops rather than commit a block half-written. */
public final class StoreWriteTimeout extends RuntimeException {
    StoreWriteTimeout(long timeoutMillis) {
        super("a database write did not finish within " + timeoutMillis
                + " ms; check that the server at mongodb.uri is running and has free disk (the app's restart"
                + " rolls the interrupted block back and Tendermint replays it)");
    }
}
