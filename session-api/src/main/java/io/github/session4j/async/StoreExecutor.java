package io.github.session4j.async;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A fixed pool of daemon threads named {@value #THREAD_PREFIX}N with a bounded queue: the only
 * place where the reactive adapters' store calls run. A task beyond the queue is refused at once
 * (a failed future with {@link SessionOverloadedException}), never piled up.
 */
final class StoreExecutor {

    /** The name of every thread of the pool starts with this. */
    static final String THREAD_PREFIX = "session4j-async-";

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor pool;
    private final int threads;
    private final int queue;
    private final LongAdder rejected = new LongAdder();

    StoreExecutor(int threads, int queue) {
        this.threads = threads;
        this.queue = queue;
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, waiting, factory,
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code work} on the pool; the future fails with SessionOverloadedException when it is full. */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            rejected.increment();
            result.completeExceptionally(pool.isShutdown()
                    ? new SessionOverloadedException("The session store executor is shut down (its AsyncSessions was closed);"
                            + " the request was refused without touching the store.")
                    : new SessionOverloadedException("All " + threads + " session store threads are busy and " + queue
                            + " store calls are already waiting (SESSION_ASYNC_THREADS=" + threads + ", SESSION_ASYNC_QUEUE="
                            + queue + "); the request was refused without touching the store. Raise SESSION_ASYNC_QUEUE"
                            + " or SESSION_ASYNC_THREADS, or look at why the store is slow."));
        }
        return result;
    }

    int threads() {
        return threads;
    }

    int queue() {
        return queue;
    }

    long rejected() {
        return rejected.sum();
    }

    void shutdown() {
        pool.shutdown();
    }
}
