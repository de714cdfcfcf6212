package io.github.session4j;

/**
 * The store failed: it is unreachable, timed out, or refused an operation. Adapters answer such a
 * request with 503 and no {@code Set-Cookie}; the session is never silently replaced by a fresh
 * one. Messages never contain a raw session ID or a password.
 */
public class SessionBackendException extends SessionException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to check
     */
    public SessionBackendException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the client library's exception as its cause.
     *
     * @param message what failed and what to check
     * @param cause the client's exception
     */
    public SessionBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
