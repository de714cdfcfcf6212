package io.github.session4j.webflux;

import io.github.session4j.async.AsyncSessionContext;
import java.util.concurrent.atomic.AtomicBoolean;

/** What one exchange keeps of its session: the context and whether its commit has started. */
final class ExchangeSession {

    /** The exchange attribute under which it is kept. */
    static final String ATTRIBUTE = ExchangeSession.class.getName();

    private final AsyncSessionContext context;
    private final AtomicBoolean committing = new AtomicBoolean();

    ExchangeSession(AsyncSessionContext context) {
        this.context = context;
    }

    AsyncSessionContext context() {
        return context;
    }

    /** True the first time only: the response's commit actions may run twice (an error response after a failure). */
    boolean startCommit() {
        return committing.compareAndSet(false, true);
    }
}
