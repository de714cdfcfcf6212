package io.github.session4j.async;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionManager;
import io.github.session4j.config.CoreKeys;
import java.util.Objects;
import java.util.Optional;

/**
 * The non-blocking path of a {@link SessionManager}, for adapters that run on an event loop
 * (Spring WebFlux, Vert.x, Netty): every store call of a request, its load and its commit, runs
 * on a bounded pool of {@code SESSION_ASYNC_THREADS} threads of this object's own (named
 * {@code session4j-async-...}), with at most {@code SESSION_ASYNC_QUEUE} calls waiting; one more is
 * refused at once with {@link SessionOverloadedException}, which the adapters answer with a 503.
 * The backend SPI is the blocking one every backend has; the load and the commit are the
 * manager's own ({@link io.github.session4j.SessionContext}), so the commit rules, the conditional
 * saves, the replay of a request's changes after a lost race and "a session deleted meanwhile
 * stays deleted" are the same as on a servlet container.
 *
 * <pre>{@code
 * AsyncSessions sessions = AsyncSessions.create(manager);
 * AsyncSessionContext context = sessions.begin("GET", "/cart", RequestHeaders.of(headers)); // no I/O
 * context.session()                                   // the load, on the pool; completes off the loop
 *        .thenApply(session -> session.merge("visits", 1, (a, b) -> (Integer) a + (Integer) b))
 *        .thenCompose(visits -> context.commit())   // the save, on the pool
 *        .whenComplete((result, failure) -> ...);     // add result.headers(), or answer 503
 * }</pre>
 *
 * <p>Round trips are those of the blocking path: a request that never asks for its session costs
 * nothing (its commit completes at once, on the caller's thread), a read one, a change two.
 * One instance per application; closing it stops its threads, not the manager.
 */
public final class AsyncSessions implements AutoCloseable {

    private final SessionManager manager;
    private final StoreExecutor executor;

    private AsyncSessions(SessionManager manager, int threads, int queue) {
        this.manager = manager;
        this.executor = new StoreExecutor(threads, queue);
    }

    /**
     * The non-blocking path of a manager, with {@code SESSION_ASYNC_THREADS} threads and a queue
     * of {@code SESSION_ASYNC_QUEUE} from the manager's configuration.
     *
     * @param manager the manager, which the caller keeps and closes
     * @return the non-blocking path
     * @throws io.github.session4j.SessionConfigException if either setting is invalid
     */
    public static AsyncSessions create(SessionManager manager) {
        Objects.requireNonNull(manager, "manager");
        return create(manager, CoreKeys.SESSION_ASYNC_THREADS.read(manager.config()),
                CoreKeys.SESSION_ASYNC_QUEUE.read(manager.config()));
    }

    /**
     * The non-blocking path of a manager with a given pool size.
     *
     * @param manager the manager, which the caller keeps and closes
     * @param threads the threads that run store calls, 1 to 1024
     * @param queue how many store calls may wait for a thread, 0 to 1000000
     * @return the non-blocking path
     * @throws IllegalArgumentException if a size is out of range
     */
    public static AsyncSessions create(SessionManager manager, int threads, int queue) {
        Objects.requireNonNull(manager, "manager");
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads was " + threads + " but it must be between 1 and 1024");
        }
        if (queue < 0 || queue > 1_000_000) {
            throw new IllegalArgumentException("queue was " + queue + " but it must be between 0 and 1000000");
        }
        return new AsyncSessions(manager, threads, queue);
    }

    /**
     * Starts the session lifecycle of one request, as {@link SessionManager#begin(String, String, RequestHeaders)}
     * does (the ID is checked, nothing is read). Call it on the event loop.
     *
     * @param method the request method
     * @param path the request path within the application
     * @param headers the request's headers
     * @return the request's context
     * @throws IllegalStateException if the manager is closed
     */
    public AsyncSessionContext begin(String method, String path, RequestHeaders headers) {
        return new AsyncSessionContext(manager.begin(method, path, headers), executor);
    }

    /**
     * The cross-origin guard's answer, as {@link SessionManager#crossOriginRefusal}. Does no I/O.
     *
     * @param method the request method
     * @param path the request path within the application
     * @param headers the request's headers
     * @return the 403's body, or empty when the request may go on
     */
    public Optional<String> crossOriginRefusal(String method, String path, RequestHeaders headers) {
        return manager.crossOriginRefusal(method, path, headers);
    }

    /**
     * The manager whose requests this serves.
     *
     * @return the manager
     */
    public SessionManager manager() {
        return manager;
    }

    /**
     * The threads that run store calls.
     *
     * @return the pool size
     */
    public int threads() {
        return executor.threads();
    }

    /**
     * How many store calls may wait for a thread.
     *
     * @return the queue's capacity
     */
    public int queueCapacity() {
        return executor.queue();
    }

    /**
     * How many store calls were refused so far because the queue was full.
     *
     * @return the count
     */
    public long rejected() {
        return executor.rejected();
    }

    /**
     * Whether the current thread is one of the pool's, for tests and assertions.
     *
     * @return whether it is a {@code session4j-async-} thread
     */
    public static boolean onStoreThread() {
        return Thread.currentThread().getName().startsWith(StoreExecutor.THREAD_PREFIX);
    }

    /**
     * Stops the threads once the calls already given to them are done; later calls are refused.
     * The manager stays open. Idempotent.
     */
    @Override
    public void close() {
        executor.shutdown();
    }
}
