package io.github.session4j.async;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionManager;
import io.github.session4j.SessionPage;
import io.github.session4j.config.CoreKeys;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

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
 *
 * <p>Sessions by user (DESIGN.md §9): a request signs in with {@link AsyncSessionContext#signIn};
 * listing and ending a user's sessions ({@link #sessionsOf}, {@link #endSession},
 * {@link #endSessions}, {@link #endOtherSessions}) are the manager's operations run on the same
 * pool, so they never block an event loop and count against the same bound.
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
     * Whether the manager keeps the principal index (see {@link SessionManager#indexesPrincipals()}). Does no I/O.
     *
     * @return whether sessions can be listed and ended by user
     */
    public boolean indexesPrincipals() {
        return manager.indexesPrincipals();
    }

    /**
     * The first page of a user's live sessions, as {@link SessionManager#sessionsOf(String)}, on a store thread.
     *
     * @param principal the user's name
     * @return the page, or a failure with {@link IllegalArgumentException}, {@link IllegalStateException}
     *     (no principal index), {@link io.github.session4j.SessionBackendException} or
     *     {@link SessionOverloadedException}
     */
    public CompletionStage<SessionPage> sessionsOf(String principal) {
        return executor.submit(() -> manager.sessionsOf(principal));
    }

    /**
     * A page of a user's live sessions, as {@link SessionManager#sessionsOf(String, String, int)}, on a store thread.
     *
     * @param principal the user's name
     * @param cursor the previous page's {@link SessionPage#next()}, or null for the first
     * @param limit the most sessions on the page, 1 to 1000
     * @return the page, or a failure as {@link #sessionsOf(String)}'s
     */
    public CompletionStage<SessionPage> sessionsOf(String principal, String cursor, int limit) {
        return executor.submit(() -> manager.sessionsOf(principal, cursor, limit));
    }

    /**
     * Ends one of a user's sessions by handle, as {@link SessionManager#endSession}, on a store thread.
     *
     * @param principal the user's name
     * @param handle a handle listed for this principal
     * @return whether a session was ended (false for a handle of another principal's session), or a
     *     failure as {@link #sessionsOf(String)}'s
     */
    public CompletionStage<Boolean> endSession(String principal, String handle) {
        return executor.submit(() -> manager.endSession(principal, handle));
    }

    /**
     * Ends every session of a user, as {@link SessionManager#endSessions}, on a store thread.
     *
     * @param principal the user's name
     * @return how many were ended, or a failure as {@link #sessionsOf(String)}'s
     */
    public CompletionStage<Integer> endSessions(String principal) {
        return executor.submit(() -> manager.endSessions(principal));
    }

    /**
     * Ends every session of the user signed in to {@code current} but {@code current} itself ("sign
     * out everywhere else"), as {@link SessionManager#endOtherSessions}, on a store thread once
     * {@code current}'s session is loaded (it is loaded first when it was not asked for yet). The
     * request reads its session on that thread: leave the session alone until the stage completes.
     *
     * @param current the request's context, signed in (in this request or before)
     * @return how many were ended, or a failure: {@link IllegalStateException} when nobody is signed in
     *     or there is no principal index, {@link IllegalArgumentException} for a context of another
     *     manager, {@link io.github.session4j.SessionBackendException}, {@link SessionOverloadedException}
     */
    public CompletionStage<Integer> endOtherSessions(AsyncSessionContext current) {
        Objects.requireNonNull(current, "current");
        return current.session().thenCompose(loaded -> executor.submit(() -> manager.endOtherSessions(current.blocking())));
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
