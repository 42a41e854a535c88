package net.ledgerd.app.store;

import org.junit.jupiter.api.AfterAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The store's tests against the official mongo image (BigchainDB 2.2.2's era: 4.4), with text
 * indexes and $text search as BigchainDB uses them. Runs where a Docker engine is available and is
 * reported as skipped where it is not (as on the build machine this project is developed on).
 */
@Testcontainers(disabledWithoutDocker = true)
class LedgerStoreOnMongoContainerTest extends LedgerStoreTest {
    private static MongoDBContainer mongo;

    @Override
    String serverUri() {
        if (mongo == null) {
            mongo = new MongoDBContainer("mongo:4.4");
            mongo.start();
        }
        return mongo.getConnectionString() + "/";
    }

    @AfterAll
    static void stopContainer() {
        if (mongo != null) {
            mongo.stop();
            mongo = null;
        }
    }
}
