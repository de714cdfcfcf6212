package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.CommitResult;
import io.github.session4j.RequestHeaders;
import io.github.session4j.ResponseHeader;
import io.github.session4j.Session;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The base of the groups that go through a {@link SessionManager}, as an application does: one
 * {@code begin}/{@code commit} pair per simulated request, with the ID carried in the cookie.
 */
abstract class LifecycleGroup extends KitGroup {

    /** The default cookie name, which the kit does not change. */
    static final String COOKIE = "session";

    LifecycleGroup(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    /** The test's manager with the default settings. */
    final SessionManager manager() {
        return fixture().manager();
    }

    /** A new manager of this test with extra settings (over a backend of its own). */
    final SessionManager manager(Map<String, String> settings) {
        return fixture().manager(settings);
    }

    /** A request that presents {@code id} in its cookie. */
    static SessionContext request(SessionManager manager, String id) {
        return manager.begin(RequestHeaders.cookie(COOKIE + "=" + id));
    }

    /** A request without a cookie that stores {@code values} in a new session; returns its ID. */
    static String newSession(SessionManager manager, Map<String, ?> values) {
        SessionContext context = manager.begin(RequestHeaders.none());
        context.session().putAll(values);
        return cookieId(context.commit(), "the commit of a new session holding " + values.keySet());
    }

    /** The session ID the response's {@code Set-Cookie} header carries; fails if there is none. */
    static String cookieId(CommitResult result, String what) {
        Optional<String> id = setCookieValue(result);
        assertThat(id).as("the session cookie set by %s; headers: %s", what, result.headers())
                .hasValueSatisfying(value -> assertThat(value).as("session cookie value").isNotEmpty());
        return id.get();
    }

    /** The value of the session's {@code Set-Cookie} header, empty for a deletion cookie too. */
    static Optional<String> setCookieValue(CommitResult result) {
        for (ResponseHeader header : result.headers()) {
            if (header.name().equalsIgnoreCase("Set-Cookie") && header.value().startsWith(COOKIE + "=")) {
                String value = header.value().substring(COOKIE.length() + 1);
                int end = value.indexOf(';');
                return Optional.of(end < 0 ? value : value.substring(0, end));
            }
        }
        return Optional.empty();
    }

    /** What a read-only request with {@code id} finds: whether the session is new, and its values. */
    static Visit visit(SessionManager manager, String id) {
        SessionContext context = request(manager, id);
        Session session = context.session();
        Visit visit = new Visit(session.isNew(), new HashMap<>(session));
        context.commit();
        return visit;
    }

    /** Asserts that a request with {@code id} gets a fresh, empty session. */
    static void assertNoLiveSession(SessionManager manager, String id, String after) {
        Visit visit = visit(manager, id);
        assertThat(visit.isNew()).as("a request with the ID of a session %s must get a new session (found %s)",
                after, visit.values().keySet()).isTrue();
        assertThat(visit.values()).as("the session of a request with the ID of a session %s", after).isEmpty();
    }

    /** What one request saw. */
    record Visit(boolean isNew, Map<String, Object> values) {
    }
}
