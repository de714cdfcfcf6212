package io.github.session4j.jdbc;

import io.github.session4j.CommitResult;
import io.github.session4j.RequestHeaders;
import io.github.session4j.Session;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.util.function.Consumer;

/**
 * Requests through a {@link SessionManager}, and the statements they cost at the
 * {@link CountingDriver}.
 */
final class ManagerRequests {

    private ManagerRequests() {
    }

    /**
     * Runs one request.
     *
     * @param manager the manager
     * @param cookie the request's {@code Cookie} header, or null for none
     * @param code what the request does with its session
     * @return the commit's result
     */
    static CommitResult request(SessionManager manager, String cookie, Consumer<Session> code) {
        SessionContext context = manager.begin(cookie == null ? RequestHeaders.none() : RequestHeaders.cookie(cookie));
        code.accept(context.session());
        return context.commit();
    }

    /**
     * Counts the statements of a request made through a {@code jdbc:counting:} URL.
     *
     * @param request the request
     * @return the statements it executed
     */
    static long statements(Runnable request) {
        long before = CountingDriver.COUNTER.count();
        request.run();
        return CountingDriver.COUNTER.count() - before;
    }
}
