package io.github.session4j.vertx;

import io.github.session4j.async.AsyncSessionContext;
import io.vertx.core.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/** What one request keeps in its RoutingContext: the session context, the Vert.x context, whether it committed. */
record RequestSession(AsyncSessionContext context, Context vertxContext, AtomicBoolean committing) {

    /** The RoutingContext key. */
    static final String KEY = RequestSession.class.getName();

    RequestSession(AsyncSessionContext context, Context vertxContext) {
        this(context, vertxContext, new AtomicBoolean());
    }
}
