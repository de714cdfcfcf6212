package io.github.session4j.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** What every page needs: who is signed in. */
final class Pages {

    /** The session attribute that holds the signed-in user's name. */
    static final String USER = "user";

    private Pages() {
    }

    /** The signed-in user, or {@code null} after redirecting the browser to the sign-in page. */
    static String userOrRedirect(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(USER);
        if (user == null) {
            response.sendRedirect("/login");
            return null;
        }
        return user.toString();
    }
}
