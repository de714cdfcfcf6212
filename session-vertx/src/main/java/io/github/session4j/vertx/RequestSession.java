package io.github.session4j.vertx;

import io.github.session4j.async.AsyncSessionContext;
import io.github.session4j.async.AsyncSessions;
import io.vertx.core.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/** What one request keeps in its RoutingContext: the session context, the Vert.x context, whether it committed, the pool. */
record RequestSession(AsyncSessionContext context, Context vertxContext, AtomicBoolean committing, AsyncSessions sessions) {

    /** The RoutingContext key. */
    static final String KEY = RequestSession.class.getName();

    RequestSession(AsyncSessionContext context, Context vertxContext, AsyncSessions sessions) {
        this(context, vertxContext, new AtomicBoolean(), sessions);
    }
}
