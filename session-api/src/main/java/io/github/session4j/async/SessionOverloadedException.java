package io.github.session4j.async;

import io.github.session4j.SessionBackendException;

/**
 * A store call of a reactive adapter was refused because every thread of {@link AsyncSessions}
 * was busy and its queue was full. Nothing was read or written for the request; the adapters
 * answer it with a 503, like any other {@link SessionBackendException}.
 */
public final class SessionOverloadedException extends SessionBackendException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public SessionOverloadedException(String message) {
        super(message);
    }
}
