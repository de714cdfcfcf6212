package io.github.session4j.micrometer;

import io.github.session4j.RequestHeaders;
import io.github.session4j.Session;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.util.function.Consumer;

/** Requests against a manager, the way an adapter makes them: begin, use the session, commit. */
final class Requests {

    private final SessionManager manager;

    Requests(SessionManager manager) {
        this.manager = manager;
    }

    /**
     * Runs one request with {@code id}'s cookie (none when null).
     *
     * @return the ID the response's cookie names, or the same ID when it sent none
     */
    String run(String id, Consumer<Session> code) {
        SessionContext context = begin(id);
        code.accept(context.session());
        return idOf(context.commit().header("Set-Cookie").orElse(null), id);
    }

    /**
     * Two requests load {@code id}'s session, put {@code b} and {@code c}, and commit one after
     * the other: the second's save loses the race, reloads and saves again.
     */
    void loseARace(String id) {
        SessionContext first = begin(id);
        SessionContext second = begin(id);
        first.session().put("b", 2L);
        second.session().put("c", 3L);
        first.commit();
        second.commit();
    }

    SessionContext begin(String id) {
        return manager.begin("GET", "/", id == null ? RequestHeaders.none() : RequestHeaders.cookie("session=" + id));
    }

    static String idOf(String setCookie, String otherwise) {
        if (setCookie == null || setCookie.contains("Max-Age=0")) {
            return otherwise;
        }
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }
}
