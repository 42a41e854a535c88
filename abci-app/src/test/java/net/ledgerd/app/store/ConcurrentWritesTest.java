package net.ledgerd.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentWritesTest {

    @Test
    void runsTheWritesAtOnceAndReturnsWhenAllEnded() {
        try (ConcurrentWrites writes = new ConcurrentWrites(2, 10_000)) {
            CountDownLatch both = new CountDownLatch(2);
            AtomicInteger done = new AtomicInteger();
            Runnable meet = () -> {
                both.countDown();
                try {
                    // Each waits for the other: only concurrent writes get past this.
                    assertTrue(both.await(5, TimeUnit.SECONDS), "the other write ran at the same time");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                done.incrementAndGet();
            };
            writes.all(meet, meet);
            assertEquals(2, done.get());
        }
    }

    @Test
    void rethrowsAFailureOnlyOnceTheOtherWritesEnded() {
        try (ConcurrentWrites writes = new ConcurrentWrites(2, 10_000)) {
            IllegalArgumentException failure = new IllegalArgumentException("refused");
            AtomicInteger finished = new AtomicInteger();
            IllegalArgumentException thrown = assertThrows(
                    IllegalArgumentException.class,
                    () -> writes.all(
                            () -> finished.incrementAndGet(),
                            () -> {
                                throw failure;
                            },
                            () -> {
                                sleep(200);
                                finished.incrementAndGet();
                            }));
            assertSame(failure, thrown);
            assertEquals(2, finished.get(), "the slow write had ended when the failure was thrown");
        }
    }

    @Test
    void aWriteThatDoesNotEndInTimeIsATimeout() {
        try (ConcurrentWrites writes = new ConcurrentWrites(2, 100)) {
            StoreWriteTimeout e = assertThrows(StoreWriteTimeout.class, () -> writes.all(() -> {}, () -> sleep(5_000)));
            assertTrue(e.getMessage().contains("mongodb.uri"), e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
