package io.github.session4j;

/**
 * A setting is missing, unknown or invalid, or no usable backend was found. Thrown at start-up;
 * the message names every problem found, with the key, the value (secrets masked) and what was
 * expected.
 */
public class SessionConfigException extends SessionException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message every problem, one per line
     */
    public SessionConfigException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message every problem, one per line
     * @param cause the cause
     */
    public SessionConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
