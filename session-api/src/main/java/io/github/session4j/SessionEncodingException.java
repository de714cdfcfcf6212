package io.github.session4j;

/**
 * A session value cannot be stored: its type is not one of the documented value types and was not
 * registered, it nests too deeply, or the encoded session is larger than the configured cap.
 * Thrown at {@code put} time where the problem is visible then, otherwise at commit time; nothing
 * is written in either case.
 */
public class SessionEncodingException extends SessionException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which key, what was wrong and what to do
     */
    public SessionEncodingException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message which key, what was wrong and what to do
     * @param cause the cause
     */
    public SessionEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
