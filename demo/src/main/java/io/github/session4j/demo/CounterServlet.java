package io.github.session4j.demo;

import io.github.session4j.Session;
import io.github.session4j.servlet.SessionFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/counter}: {@code POST} increments the {@code counter} (a {@code long}) with
 * {@code merge}, which the session re-runs on fresh data when a concurrent request saved first,
 * so no increment is lost; {@code GET} answers the value stored now.
 *
 * <p>A {@code POST} answers {@code counter}, the value <em>this request</em> computed: after a
 * conflict with a concurrent increment the stored value is larger ({@code stored} in the answer
 * says the answer is this request's, and {@code GET} tells the stored one). A {@code counter}
 * that holds something else than a number (set through {@code PUT /api/session/counter}) is a
 * 409 that says how to reset it, and changes nothing.
 */
final class CounterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String KEY = "counter";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object counter = SessionFilter.session(req).get(KEY);
        if (counter != null && !(counter instanceof Number)) {
            notANumber(resp, counter);
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(KEY, counter == null ? 0L : ((Number) counter).longValue());
        answer.put("stored", true);
        Json.send(resp, HttpServletResponse.SC_OK, answer);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Session session = SessionFilter.session(req);
        Object current = session.get(KEY);
        if (current != null && !(current instanceof Number)) {
            notANumber(resp, current);
            return;
        }
        // On a replay after a conflict the fresh value may have become a non-number: it is kept as it is.
        Object counter = session.merge(KEY, 1L, (a, b) -> a instanceof Number n ? n.longValue() + ((Number) b).longValue() : a);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(KEY, counter);
        answer.put("stored", false);
        Json.send(resp, HttpServletResponse.SC_OK, answer);
    }

    private static void notANumber(HttpServletResponse resp, Object value) throws IOException {
        Json.error(resp, HttpServletResponse.SC_CONFLICT, "the session's 'counter' holds " + value.getClass().getSimpleName()
                + " " + Json.quote(value) + ", not a number: DELETE /api/session/counter resets it");
    }
}
