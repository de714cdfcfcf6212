package io.github.session4j.memory;

import java.util.List;

/**
 * A capability that session-api has never heard of: lists the store keys a backend holds. It
 * lives in a test module only, to show that a backend's own capability reaches its users through
 * {@link io.github.session4j.spi.SessionInterface#capability} without any edit in session-api.
 */
public interface SessionLister {

    /**
     * The store keys held, live or not.
     *
     * @return the keys
     */
    List<String> keys();
}
