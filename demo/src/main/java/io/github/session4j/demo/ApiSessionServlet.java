package io.github.session4j.demo;

import com.fasterxml.jackson.core.JacksonException;
import io.github.session4j.Session;
import io.github.session4j.SessionEncodingException;
import io.github.session4j.servlet.SessionFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/session}: {@code GET} returns the contents as JSON (a read);
 * {@code PUT /api/session/{key}} sets the key to the JSON value in the body;
 * {@code DELETE /api/session/{key}} pops it and returns what it held. The key that records who is
 * signed in cannot be set or removed here, or anyone could sign in as anyone.
 */
final class ApiSessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getPathInfo() != null && !req.getPathInfo().equals("/")) {
            Json.error(resp, HttpServletResponse.SC_NOT_FOUND, "GET /api/session returns the whole session");
            return;
        }
        Json.send(resp, HttpServletResponse.SC_OK, new LinkedHashMap<>(SessionFilter.session(req)));
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String key = key(req, resp);
        if (key == null) {
            return;
        }
        Object value;
        try {
            value = Json.MAPPER.readValue(req.getInputStream(), Object.class);
        } catch (JacksonException e) {
            Json.error(resp, HttpServletResponse.SC_BAD_REQUEST, "the body must be one JSON value: " + e.getOriginalMessage());
            return;
        }
        Session session = SessionFilter.session(req);
        try {
            session.put(key, value);
        } catch (SessionEncodingException e) {
            Json.error(resp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", key);
        answer.put("value", value);
        Json.send(resp, HttpServletResponse.SC_OK, answer);
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String key = key(req, resp);
        if (key == null) {
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", key);
        answer.put("removed", SessionFilter.session(req).pop(key));
        Json.send(resp, HttpServletResponse.SC_OK, answer);
    }

    /** The key from {@code /api/session/{key}}, or {@code null} after answering 400. */
    private static String key(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null || path.length() < 2) {
            Json.error(resp, HttpServletResponse.SC_BAD_REQUEST, "name the key: /api/session/{key}");
            return null;
        }
        String key = path.substring(1);
        if (key.equals(Pages.USER)) {
            Json.error(resp, HttpServletResponse.SC_FORBIDDEN, "'" + Pages.USER + "' is set only by signing in at /login");
            return null;
        }
        return key;
    }
}
