package io.github.session4j.redis;

import java.util.function.Supplier;

/**
 * Runs one Redis operation and turns a Lettuce failure into the backend's
 * {@link io.github.session4j.SessionBackendException}, naming the operation; the backend's own
 * {@code call}, handed to the helpers that send commands for it.
 */
@FunctionalInterface
interface RedisCall {

    /**
     * Runs the operation.
     *
     * @param what the operation, as a message names it (such as {@code DEL of key …})
     * @param action the commands
     * @param <T> the answer's type
     * @return the answer
     * @throws io.github.session4j.SessionBackendException when Redis fails or the backend is closed
     */
    <T> T call(String what, Supplier<T> action);
}
