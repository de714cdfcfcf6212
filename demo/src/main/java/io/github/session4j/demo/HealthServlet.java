package io.github.session4j.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code GET /health}: answers without touching the session, so it costs no store round trip. */
final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String backend;

    HealthServlet(String backend) {
        this.backend = backend;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Json.send(resp, HttpServletResponse.SC_OK, Map.of("status", "ok", "backend", backend));
    }
}
