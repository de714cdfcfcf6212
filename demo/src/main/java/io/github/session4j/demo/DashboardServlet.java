package io.github.session4j.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /dashboard}: sets the session variable {@code redis_test}, as the seed article does. */
final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The session variable's name and value, from the article the demo follows. */
    static final String VARIABLE = "redis_test";
    static final String VALUE = "This is a session variable.";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = Pages.userOrRedirect(req, resp);
        if (user == null) {
            return;
        }
        req.getSession().setAttribute(VARIABLE, VALUE);
        Html.page(resp, HttpServletResponse.SC_OK, "Dashboard", Html.nav(req)
                + "<p id=\"welcome\">Welcome, " + Html.escape(user) + ".</p>"
                + "<p>The session variable <code>" + VARIABLE + "</code> is set; "
                + "<a id=\"to-session\" href=\"/session\">see it</a>.</p>");
    }
}
