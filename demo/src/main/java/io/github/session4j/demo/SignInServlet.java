package io.github.session4j.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;

/** {@code /login}: the sign-in form, and signing in, which gives the session a new ID. */
final class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession(false);
        if (session != null && session.getAttribute(Pages.USER) != null) {
            resp.sendRedirect("/dashboard");
            return;
        }
        form(resp, HttpServletResponse.SC_OK, "");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<String> user = DemoUsers.authenticate(req.getParameter("username"), req.getParameter("password"));
        if (user.isEmpty()) {
            form(resp, HttpServletResponse.SC_UNAUTHORIZED, "<p id=\"error\" role=\"alert\">Wrong user name or password.</p>");
            return;
        }
        HttpSession session = req.getSession();
        req.changeSessionId();
        session.setAttribute(Pages.USER, user.get());
        resp.sendRedirect("/dashboard");
    }

    private static void form(HttpServletResponse resp, int status, String message) throws IOException {
        Html.page(resp, status, "Sign in", message + """
                <form method="post" action="/login">
                <p><label>User name <input id="username" name="username" autocomplete="username" required></label></p>
                <p><label>Password <input id="password" name="password" type="password"
                   autocomplete="current-password" required></label></p>
                <p><button id="sign-in" type="submit">Sign in</button></p>
                </form>
                <p>Demo users: <code>ada</code> / <code>ada-lovelace-1815</code> and
                <code>grace</code> / <code>grace-hopper-1906</code>.</p>
                """);
    }
}
