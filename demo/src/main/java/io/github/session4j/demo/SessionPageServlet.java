package io.github.session4j.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /session}: shows the session variable set by the dashboard. */
final class SessionPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = Pages.userOrRedirect(req, resp);
        if (user == null) {
            return;
        }
        Object value = req.getSession().getAttribute(DashboardServlet.VARIABLE);
        Html.page(resp, HttpServletResponse.SC_OK, "Session variable", Html.nav(req)
                + "<p><code>" + DashboardServlet.VARIABLE + "</code> is:</p>"
                + "<p id=\"redis-test\">" + Html.escape(value == null ? "(not set: visit the dashboard)" : value) + "</p>");
    }
}
