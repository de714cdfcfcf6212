package io.github.session4j.servlet;

/**
 * What held-back output asks of the response before any of it reaches the container: the session
 * must be committed first, so that its {@code Set-Cookie} still fits into the headers.
 */
interface OutputGate {

    /**
     * Commits the session if that is still pending.
     *
     * @return {@code true} if output may go out now; {@code false} if the store failed and the
     *     response became a 503, so the application's output must be dropped
     */
    boolean open();

    /**
     * How much output (bytes, or characters for the writer) may be held back before it must go
     * out: the response's buffer size, so that output goes out when the container's buffer would
     * have overflowed anyway.
     *
     * @return the capacity, at least 1
     */
    int capacity();
}
