package io.github.session4j.async;

import io.github.session4j.CommitResult;
import io.github.session4j.Session;
import io.github.session4j.SessionContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The session of one request on the non-blocking path: {@link #session()} loads it on the
 * store threads, {@link #commit()} saves it there. Between the two the request uses the loaded
 * {@link Session} on its own thread (the event loop) without any I/O: a loaded session never
 * calls the store again before the commit. Used by one request; the futures hand the session from
 * thread to thread, so it is never used by two at once.
 */
public final class AsyncSessionContext {

    private final SessionContext context;
    private final StoreExecutor executor;
    private CompletableFuture<Session> loading;
    private CompletableFuture<CommitResult> committing;

    AsyncSessionContext(SessionContext context, StoreExecutor executor) {
        this.context = context;
        this.executor = executor;
    }

    /**
     * The loaded session. The first call starts the load on a store thread (one round trip, none
     * when the request presented no well-formed ID, which gives a new session at once); later
     * calls return the same stage.
     *
     * @return the session, or a failure with {@link io.github.session4j.SessionBackendException}
     *     (a {@link SessionOverloadedException} when the pool is full)
     */
    public synchronized CompletionStage<Session> session() {
        if (loading == null) {
            loading = executor.submit(() -> {
                Session session = context.session();
                session.isNew(); // the first use is the load
                return session;
            });
        }
        return loading;
    }

    /**
     * Whether {@link #session()} was called: if not, the commit costs nothing.
     *
     * @return whether the session was asked for
     */
    public synchronized boolean isRequested() {
        return loading != null;
    }

    /**
     * The ID the loaded session has now, or will be saved under (see {@link SessionContext#sessionId()}).
     * Does no I/O once {@link #session()} has completed.
     *
     * @return the session ID; never log it
     * @throws IllegalStateException if the session is not loaded yet
     */
    public String sessionId() {
        requireLoaded();
        return context.sessionId();
    }

    /**
     * Whether this is an unsafe request from another site (see {@link SessionContext#isCrossSite()}).
     *
     * @return whether the request is cross-site
     */
    public boolean isCrossSite() {
        return context.isCrossSite();
    }

    /**
     * Commits the session with the manager's rules (see {@link SessionContext#commit()}): on a
     * store thread when the session was asked for, at once and without I/O when it was not.
     * Later calls return the same stage.
     *
     * @return the headers to add to the response, or a failure with
     *     {@link io.github.session4j.SessionBackendException} (then answer 503 without them) or
     *     {@link io.github.session4j.SessionEncodingException}
     */
    public synchronized CompletionStage<CommitResult> commit() {
        if (committing == null) {
            if (loading == null || loading.isCompletedExceptionally()) {
                // never asked for, or its load failed: nothing to save, and no I/O to commit it
                committing = CompletableFuture.completedFuture(context.commit());
            } else {
                // after the load (its result is not needed); completed with the commit's own exception, unwrapped
                CompletableFuture<CommitResult> result = new CompletableFuture<>();
                loading.whenComplete((session, loadFailure) -> executor.submit(context::commit)
                        .whenComplete((headers, failure) -> {
                            if (failure != null) {
                                result.completeExceptionally(failure);
                            } else {
                                result.complete(headers);
                            }
                        }));
                committing = result;
            }
        }
        return committing;
    }

    private synchronized void requireLoaded() {
        if (loading == null || !loading.isDone() || loading.isCompletedExceptionally()) {
            throw new IllegalStateException("the session is not loaded: wait for session() to complete first");
        }
    }
}
