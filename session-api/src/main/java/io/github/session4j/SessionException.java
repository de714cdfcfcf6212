package io.github.session4j;

/**
 * The base of every exception session4j throws. Unchecked: callers that want to react to a
 * specific failure catch one of the subclasses.
 */
public class SessionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what happened and what to do.
     *
     * @param message the message
     */
    public SessionException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
