package io.github.session4j.spi;

/**
 * Optional capability for admin tools: counts the live records of this backend.
 */
public interface SessionCounter {

    /**
     * Counts the live (unexpired) records under the configured key prefix.
     *
     * @return the number of live records
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    long countLive();
}
