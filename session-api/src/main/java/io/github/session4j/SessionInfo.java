package io.github.session4j;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a signed-in user (or an admin) may see of one of that user's sessions, from
 * {@link SessionManager#sessionsOf}. It never holds the session ID nor the store key: a session is
 * named by its {@link #handle()}, which cannot be used as a cookie and works only with the
 * principal it was listed for ({@link SessionManager#endSession}).
 */
public final class SessionInfo {

    private final String handle;
    private final Instant createdAt;
    private final Instant signedInAt;
    private final Instant lastSeen;
    private final Instant expiresAt;
    private final String label;

    /**
     * The values of a listed session.
     *
     * @param handle the opaque handle
     * @param createdAt when the session was created
     * @param signedInAt when the user signed in to it, or null
     * @param lastSeen when a request last refreshed it, to within the refresh interval
     * @param expiresAt when it expires unless used again
     * @param label the label the application set, such as a device name, or null
     */
    public SessionInfo(String handle, Instant createdAt, Instant signedInAt, Instant lastSeen, Instant expiresAt, String label) {
        this.handle = Objects.requireNonNull(handle, "handle");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.signedInAt = signedInAt;
        this.lastSeen = Objects.requireNonNull(lastSeen, "lastSeen");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.label = label;
    }

    /**
     * The session's opaque handle: not its ID, not usable as a cookie, stable for the session's life.
     *
     * @return the handle
     */
    public String handle() {
        return handle;
    }

    /**
     * When the session was created.
     *
     * @return the creation time
     */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * When the user signed in to this session.
     *
     * @return the sign-in time, or empty for a session listed without one
     */
    public Optional<Instant> signedInAt() {
        return Optional.ofNullable(signedInAt);
    }

    /**
     * When a request last used the session, to within the refresh interval (a read that does not
     * refresh the expiry is not seen).
     *
     * @return the last refresh
     */
    public Instant lastSeen() {
        return lastSeen;
    }

    /**
     * When the session expires unless it is used again (or, under an absolute lifetime, at the latest).
     *
     * @return the expiry
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * The label the application gave the session ({@link SessionContext#setLabel}), such as
     * "Firefox on Linux".
     *
     * @return the label, or empty
     */
    public Optional<String> label() {
        return Optional.ofNullable(label);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionInfo that && handle.equals(that.handle) && createdAt.equals(that.createdAt)
                && Objects.equals(signedInAt, that.signedInAt) && lastSeen.equals(that.lastSeen)
                && expiresAt.equals(that.expiresAt) && Objects.equals(label, that.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(handle, createdAt, signedInAt, lastSeen, expiresAt, label);
    }

    @Override
    public String toString() {
        return "SessionInfo[" + handle + ", created " + createdAt + ", signed in " + signedInAt + ", last seen " + lastSeen
                + ", expires " + expiresAt + (label != null ? ", label '" + label + "'" : "") + "]";
    }
}
