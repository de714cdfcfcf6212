package io.github.session4j.benchmarks;

/**
 * One way of serving a session request, measured side by side with the others: session4j through
 * its {@code SessionManager}, a raw client (the floor), or Spring Session (the peer).
 *
 * <p>Every target stores the same session: {@code data}, a byte array of the benchmark's size
 * (random, so incompressible), and {@code counter}, a number. A <em>read</em> request loads the
 * session and reads {@code data}; a <em>modifying</em> request loads it and saves it with the
 * counter incremented. Each benchmark thread works on a session of its own, so no request waits
 * for another one's lock or loses a race.
 */
interface SessionTarget extends AutoCloseable {

    /**
     * Stores a new session.
     *
     * @return what the client holds to find it again (a cookie header, a key, an ID)
     */
    String newSession();

    /**
     * A request that reads the session.
     *
     * @param handle from {@link #newSession()}
     * @return the size of {@code data}, so that the work cannot be optimised away
     */
    int read(String handle);

    /**
     * A request that modifies the session: load, increment {@code counter}, save.
     *
     * @param handle from {@link #newSession()}
     * @return the new counter
     */
    long modify(String handle);

    @Override
    void close();
}
