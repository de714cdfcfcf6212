package io.github.session4j.demo;

import io.github.session4j.SessionContext;
import io.github.session4j.servlet.SessionFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code /login}: the sign-in form (which carries the session's CSRF token, so showing it starts a
 * session), and signing in ({@link SessionContext#signIn}), which gives the session a new ID and a
 * new token, restarts its absolute lifetime, empties it when another user held it, and labels it
 * with the device ({@link UserAgentLabel}) for {@code /sessions}. Failed sign-ins are
 * throttled per user name and per address ({@link SignInThrottle}): past the limit the answer is
 * 429 with {@code Retry-After}, whatever the password.
 */
final class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SignInThrottle throttle;

    SignInServlet(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession(false);
        if (session != null && session.getAttribute(Pages.USER) != null) {
            resp.sendRedirect("/dashboard");
            return;
        }
        form(req, resp, HttpServletResponse.SC_OK, "");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!Csrf.check(req, resp)) {
            return;
        }
        String name = req.getParameter("username");
        String address = req.getRemoteAddr();
        Optional<Duration> wait = throttle.retryAfter(name, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toNanosPart() > 0 ? 1 : 0));
            resp.setHeader("Retry-After", Long.toString(seconds));
            form(req, resp, 429, "<p id=\"error\" role=\"alert\">Too many failed sign-ins for this user name or from this"
                    + " address. Try again in " + seconds + " seconds.</p>");
            return;
        }
        Optional<String> user = DemoUsers.authenticate(name, req.getParameter("password"));
        if (user.isEmpty()) {
            throttle.failed(name, address);
            form(req, resp, HttpServletResponse.SC_UNAUTHORIZED, "<p id=\"error\" role=\"alert\">Wrong user name or password.</p>");
            return;
        }
        throttle.succeeded(name);
        // the core's sign-in: a new ID, the principal and the sign-in time in the record (the absolute
        // lifetime counts from now), another user's data cleared, the session indexed under the user
        SessionContext context = SessionFilter.context(req);
        context.signIn(user.get());
        context.setLabel(UserAgentLabel.of(req.getHeader("User-Agent")));
        HttpSession session = req.getSession();
        Csrf.rotate(session);
        session.setAttribute(Pages.USER, user.get());
        resp.sendRedirect("/dashboard");
    }

    private static void form(HttpServletRequest req, HttpServletResponse resp, int status, String message) throws IOException {
        Html.page(resp, status, "Sign in", message + """
                <form method="post" action="/login">%s
                <p><label>User name <input id="username" name="username" autocomplete="username" required></label></p>
                <p><label>Password <input id="password" name="password" type="password"
                   autocomplete="current-password" required></label></p>
                <p><button id="sign-in" type="submit">Sign in</button></p>
                </form>
                <p>Demo users: <code>ada</code> / <code>ada-lovelace-1815</code> and
                <code>grace</code> / <code>grace-hopper-1906</code>.</p>
                """.formatted(Csrf.field(req)));
    }
}
