package io.github.session4j.demo;

import io.github.session4j.servlet.SessionFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /logout}: ends the session (a GET is refused, so a link on another site cannot sign you out; the form carries the session's CSRF token). */
final class SignOutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!Csrf.check(req, resp)) {
            return;
        }
        if (req.getSession(false) != null) {
            // ends the session and takes it out of the user's index
            SessionFilter.context(req).signOut();
        }
        resp.sendRedirect("/login");
    }
}
