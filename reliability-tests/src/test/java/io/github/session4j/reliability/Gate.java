package io.github.session4j.reliability;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds requests of the test app in the middle of their work (after their session was loaded,
 * before they change it) until the test opens it: how the suite orders racing requests without
 * sleeping.
 */
final class Gate {

    private static final long WAIT_SECONDS = 30;

    private final CountDownLatch arrived;
    private final CountDownLatch open = new CountDownLatch(1);

    /** @param parties how many requests the test waits for */
    Gate(int parties) {
        this.arrived = new CountDownLatch(parties);
    }

    /** Called by a request: reports that it is here and waits until the test opens the gate. */
    void pass() {
        arrived.countDown();
        await(open, "the test to open the gate");
    }

    /** Waits until every expected request is held at the gate. */
    void awaitArrivals() {
        await(arrived, "the requests to reach the gate");
    }

    /** Lets every held request go on. */
    void open() {
        open.countDown();
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("waited " + WAIT_SECONDS + " s for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}
