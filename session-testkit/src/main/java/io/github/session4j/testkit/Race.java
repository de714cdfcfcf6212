package io.github.session4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs one task on many threads that start together, and collects every result; a task that
 * throws fails the race with its exception as the cause.
 */
final class Race {

    private static final long TIMEOUT_SECONDS = 60;

    private Race() {
    }

    /**
     * Runs {@code task} for 0 .. {@code threads}-1 on as many threads, released at once.
     *
     * @return the results, in the order of the task numbers
     */
    static <T> List<T> run(int threads, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int number = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return task.apply(number);
                }));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the " + threads + " racing threads did not start within " + TIMEOUT_SECONDS + " s");
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(result(futures.get(i), i));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while racing", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T result(Future<T> future, int number) throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("racing thread " + number + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("racing thread " + number + " did not finish within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
