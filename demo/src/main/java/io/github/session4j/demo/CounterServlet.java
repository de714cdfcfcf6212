package io.github.session4j.demo;

import io.github.session4j.servlet.SessionFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /api/counter}: increments the integer {@code counter} with {@code merge}, which the
 * session re-runs on fresh data when a concurrent request saved first, so no increment is lost.
 */
final class CounterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object counter = SessionFilter.session(req)
                .merge("counter", 1, (a, b) -> ((Number) a).intValue() + ((Number) b).intValue());
        Json.send(resp, HttpServletResponse.SC_OK, Map.of("counter", counter));
    }
}
