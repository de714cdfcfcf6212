package io.github.session4j.demo;

import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.servlet.SessionFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code /sessions}: the signed-in user's sessions (created, signed in, last seen, device label,
 * "this device"), and {@code POST /sessions}, the "sign out everywhere else" button, which ends
 * every other session of the user at once (same-origin only, with the CSRF token).
 */
final class SessionsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SessionManager manager;

    SessionsServlet(SessionManager manager) {
        this.manager = manager;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = Pages.userOrRedirect(req, resp);
        if (user == null) {
            return;
        }
        StringBuilder body = new StringBuilder(Html.nav(req));
        String ended = req.getParameter("ended");
        if (ended != null && ended.matches("\\d{1,6}")) {
            body.append("<p id=\"ended\" role=\"status\">Signed out ").append(ended).append(" other session")
                    .append(ended.equals("1") ? "" : "s").append(".</p>");
        }
        if (!manager.indexesPrincipals()) {
            body.append("<p id=\"unsupported\">").append(Html.escape(UserSessions.unsupported(manager))).append(".</p>");
            Html.page(resp, HttpServletResponse.SC_OK, "Your sessions", body.toString());
            return;
        }
        UserSessions sessions = UserSessions.of(manager, SessionFilter.context(req), user);
        body.append("<table id=\"sessions\"><tr><th>Device</th><th>Created</th><th>Signed in</th><th>Last seen</th>"
                + "<th></th></tr>");
        for (Map<String, Object> row : sessions.sessions()) {
            boolean current = Boolean.TRUE.equals(row.get("current"));
            body.append("<tr class=\"session\"").append(current ? " id=\"this-device\"" : "").append("><td>")
                    .append(Html.escape(row.get("label") == null ? UserAgentLabel.UNKNOWN : row.get("label")))
                    .append("</td><td>").append(Html.escape(time(row.get("createdAt"))))
                    .append("</td><td>").append(Html.escape(time(row.get("signedInAt"))))
                    .append("</td><td>").append(Html.escape(time(row.get("lastSeen"))))
                    .append("</td><td>").append(current ? "this device" : "").append("</td></tr>");
        }
        body.append("</table>");
        if (sessions.more()) {
            body.append("<p>Only the first ").append(UserSessions.PAGE).append(" sessions are shown.</p>");
        }
        body.append("<form method=\"post\" action=\"/sessions\">").append(Csrf.field(req))
                .append("<button id=\"sign-out-others\" type=\"submit\">Sign out everywhere else</button></form>");
        Html.page(resp, HttpServletResponse.SC_OK, "Your sessions", body.toString());
    }

    /** An ISO-8601 instant of {@link UserSessions} as people read it: {@code 2026-01-01 09:30:00 UTC}. */
    private static String time(Object iso) {
        return iso == null ? "" : iso.toString().replace('T', ' ').replace("Z", " UTC");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!SameOrigin.check(req)) {
            Html.page(resp, HttpServletResponse.SC_FORBIDDEN, "Form refused",
                    "<p id=\"origin-error\" role=\"alert\">This form was sent from another site.</p>");
            return;
        }
        if (!Csrf.check(req, resp)) {
            return;
        }
        String user = Pages.userOrRedirect(req, resp);
        if (user == null) {
            return;
        }
        if (!manager.indexesPrincipals()) {
            resp.sendRedirect("/sessions");
            return;
        }
        SessionContext context = SessionFilter.context(req);
        resp.sendRedirect("/sessions?ended=" + manager.endOtherSessions(context));
    }
}
