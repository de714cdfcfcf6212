package io.github.session4j.spring.security;

import java.util.concurrent.atomic.AtomicInteger;

/** Where {@link Canary} records that it ran; a class of its own, so reading it never initializes Canary. */
final class CanaryLog {

    static final AtomicInteger INITIALIZED = new AtomicInteger();
    static final AtomicInteger CONSTRUCTED = new AtomicInteger();

    private CanaryLog() {
    }
}
