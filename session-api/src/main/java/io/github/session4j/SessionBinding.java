package io.github.session4j;

import java.time.Duration;

/**
 * What a {@link Session} needs from the {@code SessionManager} that created it: the lazily loaded
 * state and the put-time check of values. One binding serves one session of one request.
 */
interface SessionBinding {

    /**
     * Loads the session of this request: the stored one, or a new empty one when the request
     * carries no valid session. The session calls this at most once, on the first call of any of
     * its public methods; a request that never touches its session never calls it.
     *
     * @return the loaded state, never {@code null}
     * @throws SessionBackendException when the store cannot be read
     */
    LoadState load();

    /**
     * Checks that a value may be stored under a key, before the session changes anything. The
     * session calls this for every value that enters it, through any path (put, putAll, views,
     * entry setValue, compute and merge results, replaceAll, setDefault, and the results of
     * functions re-run by {@link Session#replayOnto}).
     *
     * @param key the key, never {@code null}
     * @param value the value, possibly {@code null}
     * @throws SessionEncodingException when the value cannot be stored; the message names the key
     */
    void checkValue(String key, Object value);

    /**
     * The idle timeout of a session without one of its own: {@code PERMANENT_SESSION_LIFETIME}.
     *
     * @return a positive duration
     */
    Duration defaultIdleTimeout();
}
