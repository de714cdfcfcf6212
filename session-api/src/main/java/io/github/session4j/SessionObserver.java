package io.github.session4j;

import io.github.session4j.codec.UnreadableRecordException;

/**
 * Watches what a {@link SessionManager} does, for metrics and tracing: every store call, every
 * commit, every unreadable record, and the load and commit of each request as a phase with a
 * start and an end. Registered with {@link SessionManager#addObserver}; the
 * {@code session-micrometer} module's binder is one.
 *
 * <p>Every method has a default that does nothing. They are called on the request's thread, in
 * the request's path, so they must be quick and must not block; one that throws is logged and
 * does not fail the request. No argument ever holds a session ID, a store key or a principal.
 *
 * <p>With no observer registered the manager does not read the clock for them: observing costs
 * nothing unless it is used.
 */
public interface SessionObserver {

    /**
     * A store call ended (or threw).
     *
     * @param call what was called, how it ended and how long it took
     */
    default void storeCall(StoreCall call) {
    }

    /**
     * A request's commit ended with its store steps done.
     *
     * @param event what the commit did
     */
    default void committed(CommitEvent event) {
    }

    /**
     * A stored record could not be read and was treated as no session.
     *
     * @param reason why it was refused
     */
    default void unreadableRecord(UnreadableRecordException.Reason reason) {
    }

    /**
     * A request starts loading its session (its first use); the phase ends when the load has
     * its answer, including the read of the old backend during a live migration.
     *
     * @param backend the backend's name
     * @return the phase, closed when the load ends
     */
    default Phase loadStarted(String backend) {
        return Phase.NONE;
    }

    /**
     * A request starts committing a loaded session; the phase ends when every store step is done.
     *
     * @param backend the backend's name
     * @return the phase, closed when the commit ends
     */
    default Phase commitStarted(String backend) {
        return Phase.NONE;
    }

    /** A load or a commit in progress, which the manager closes exactly once when it ends. */
    interface Phase extends AutoCloseable {

        /** A phase that records nothing. */
        Phase NONE = new Phase() {
        };

        /**
         * The phase failed; {@link #close()} follows.
         *
         * @param error what it failed with
         */
        default void failed(Throwable error) {
        }

        /** The phase ended. */
        @Override
        default void close() {
        }
    }
}
