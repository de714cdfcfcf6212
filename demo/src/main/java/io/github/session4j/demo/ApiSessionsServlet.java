package io.github.session4j.demo;

import io.github.session4j.SessionManager;
import io.github.session4j.servlet.SessionFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /api/sessions}: the signed-in user's sessions as JSON
 * ({@code {"sessions":[{"handle","createdAt","signedInAt","lastSeen","expiresAt","label","current"}],"more":false}});
 * {@code POST /api/sessions/revoke-others}: "sign out everywhere else", answering
 * {@code {"ended":n}}; same-origin only, with the session's CSRF token (the {@code csrf} of the
 * GET's answer, or of any form) in the {@value Csrf#HEADER} header. 401 when nobody is signed in, 501 on a backend without the
 * principal index.
 */
final class ApiSessionsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String REVOKE_OTHERS = "/revoke-others";

    private final transient SessionManager manager;

    ApiSessionsServlet(SessionManager manager) {
        this.manager = manager;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getPathInfo() != null && !req.getPathInfo().equals("/")) {
            Json.error(resp, HttpServletResponse.SC_NOT_FOUND, "GET /api/sessions lists your sessions");
            return;
        }
        String user = user(req, resp);
        if (user != null) {
            Map<String, Object> answer = UserSessions.of(manager, SessionFilter.context(req), user).json();
            // what a same-origin client sends back in the header of the POST (no other site can read this answer)
            answer.put("csrf", Csrf.token(req));
            Json.send(resp, HttpServletResponse.SC_OK, answer);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!REVOKE_OTHERS.equals(req.getPathInfo())) {
            Json.error(resp, HttpServletResponse.SC_NOT_FOUND, "POST /api/sessions/revoke-others signs you out everywhere else");
            return;
        }
        if (!SameOrigin.check(req)) {
            Json.error(resp, HttpServletResponse.SC_FORBIDDEN, "this request came from another origin");
            return;
        }
        if (!Csrf.matches(req, req.getHeader(Csrf.HEADER))) {
            Json.error(resp, HttpServletResponse.SC_FORBIDDEN, "send the session's CSRF token in the " + Csrf.HEADER + " header");
            return;
        }
        String user = user(req, resp);
        if (user != null) {
            Json.send(resp, HttpServletResponse.SC_OK, Map.of("ended", manager.endOtherSessions(SessionFilter.context(req))));
        }
    }

    /** The signed-in user, or null after answering 401 or 501. */
    private String user(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession(false);
        Object user = session == null ? null : session.getAttribute(Pages.USER);
        if (user == null) {
            Json.error(resp, HttpServletResponse.SC_UNAUTHORIZED, "sign in at /login first");
            return null;
        }
        if (!manager.indexesPrincipals()) {
            Json.error(resp, HttpServletResponse.SC_NOT_IMPLEMENTED, UserSessions.unsupported(manager));
            return null;
        }
        return user.toString();
    }
}
