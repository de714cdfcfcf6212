package io.github.session4j.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The per-session CSRF token the demo's forms carry in a hidden field, on top of the library's
 * cross-origin guard: a form posted without the session's token is refused with a 403.
 */
final class Csrf {

    /** The session attribute and the form field that hold the token. */
    static final String KEY = "csrf";

    /** The header that carries the token on the JSON API's POSTs. */
    static final String HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** The session's token, made on first use (so the page that shows a form starts a session). */
    static String token(HttpServletRequest request) {
        HttpSession session = request.getSession();
        Object token = session.getAttribute(KEY);
        if (token instanceof String existing) {
            return existing;
        }
        String fresh = newToken();
        session.setAttribute(KEY, fresh);
        return fresh;
    }

    /** A new token for the session, as after signing in. */
    static void rotate(HttpSession session) {
        session.setAttribute(KEY, newToken());
    }

    /** The hidden field of a form. */
    static String field(HttpServletRequest request) {
        return "<input type=\"hidden\" name=\"" + KEY + "\" value=\"" + Html.escape(token(request)) + "\">";
    }

    /**
     * Whether the posted form carries the session's token; otherwise answers 403 and returns false.
     * A request without a session is refused without creating one.
     */
    static boolean check(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (matches(request, request.getParameter(KEY))) {
            return true;
        }
        Html.page(response, HttpServletResponse.SC_FORBIDDEN, "Form refused",
                "<p id=\"csrf-error\" role=\"alert\">This form did not come from this site's own page, or it has expired."
                + " <a href=\"/login\">Open the page again</a> and send it from there.</p>");
        return false;
    }

    /**
     * Whether {@code sent} is the session's token (for the JSON API, which sends it in the
     * {@value #HEADER} header). A request without a session never matches, and none is created.
     */
    static boolean matches(HttpServletRequest request, String sent) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(KEY);
        return expected instanceof String token && sent != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
