package io.github.session4j.async;

import io.github.session4j.CommitResult;
import io.github.session4j.Session;
import io.github.session4j.SessionContext;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The session of one request on the non-blocking path: {@link #session()} loads it on the
 * store threads, {@link #commit()} saves it there. Between the two the request uses the loaded
 * {@link Session} on its own thread (the event loop) without any I/O: a loaded session never
 * calls the store again before the commit. Used by one request; the futures hand the session from
 * thread to thread, so it is never used by two at once.
 *
 * <p>The sign-in operations of DESIGN.md §9 ({@link #signIn}, {@link #signOut}, {@link #principal()}
 * ...) are those of {@link SessionContext}; they need the loaded session and then do no I/O
 * (what they change is written by the commit), so an event loop may call them. Listing and ending
 * a user's sessions are store calls: {@link AsyncSessions#sessionsOf}, {@link AsyncSessions#endOtherSessions}.
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

    // ---- signed-in sessions (DESIGN.md §9): no I/O once the session is loaded ----

    /**
     * Signs {@code principal} in to this session, as {@link SessionContext#signIn}: the ID is
     * regenerated, the principal and the sign-in time are recorded, the data of another principal
     * is dropped (an anonymous session's is kept), and the index is updated, all by the commit.
     *
     * @param principal the user's name (see {@link SessionContext#signIn} for what is accepted)
     * @throws IllegalArgumentException if the principal is not acceptable
     * @throws IllegalStateException if the session is not loaded yet
     */
    public void signIn(String principal) {
        requireLoaded();
        context.signIn(principal);
    }

    /**
     * Signs the user out, as {@link SessionContext#signOut}: the commit deletes the session and takes
     * it out of its principal's index.
     *
     * @throws IllegalStateException if the session is not loaded yet
     */
    public void signOut() {
        requireLoaded();
        context.signOut();
    }

    /**
     * Who is signed in (see {@link SessionContext#principal()}).
     *
     * @return the principal, or empty for an anonymous session
     * @throws IllegalStateException if the session is not loaded yet
     */
    public Optional<String> principal() {
        requireLoaded();
        return context.principal();
    }

    /**
     * When the user signed in (see {@link SessionContext#signedInAt()}).
     *
     * @return the sign-in time, or empty for an anonymous session
     * @throws IllegalStateException if the session is not loaded yet
     */
    public Optional<Instant> signedInAt() {
        requireLoaded();
        return context.signedInAt();
    }

    /**
     * Whether the sign-in is older than {@code SESSION_REAUTHENTICATE_AFTER} (see
     * {@link SessionContext#requiresReauthentication()}).
     *
     * @return whether to ask for the password again
     * @throws IllegalStateException if the session is not loaded yet
     */
    public boolean requiresReauthentication() {
        requireLoaded();
        return context.requiresReauthentication();
    }

    /**
     * Gives the session a label for {@link io.github.session4j.SessionInfo#label()} (see
     * {@link SessionContext#setLabel}).
     *
     * @param label the label, or null to remove it
     * @throws IllegalArgumentException if the label is not acceptable
     * @throws IllegalStateException if the session is not loaded yet
     */
    public void setLabel(String label) {
        requireLoaded();
        context.setLabel(label);
    }

    /**
     * The session's label.
     *
     * @return the label, or empty
     * @throws IllegalStateException if the session is not loaded yet
     */
    public Optional<String> label() {
        requireLoaded();
        return context.label();
    }

    /**
     * This session's handle as {@link AsyncSessions#sessionsOf} lists it (see {@link SessionContext#handle()}).
     *
     * @return the handle, or empty for a session that is not stored yet and not being signed in
     * @throws IllegalStateException if the session is not loaded yet
     */
    public Optional<String> handle() {
        requireLoaded();
        return context.handle();
    }

    /** The blocking context, for {@link AsyncSessions#endOtherSessions}, which uses it on a store thread. */
    SessionContext blocking() {
        return context;
    }

    private synchronized void requireLoaded() {
        if (loading == null || !loading.isDone() || loading.isCompletedExceptionally()) {
            throw new IllegalStateException("the session is not loaded: wait for session() to complete first");
        }
    }
}
