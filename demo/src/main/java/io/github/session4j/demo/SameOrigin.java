package io.github.session4j.demo;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request comes from the demo's own pages: a browser says where a request comes from
 * ({@code Sec-Fetch-Site}, {@code Origin}), and any answer but this origin is refused, another
 * port of the same host included. A client that sends neither header (curl, a script) is not a
 * browser that another site could drive; the CSRF token still guards it.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    /**
     * The check.
     *
     * @param request the request
     * @return {@code true} unless the browser says the request comes from another origin
     */
    static boolean check(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        String host = request.getHeader("Host");
        return origin == null || (host != null && origin.equals(request.getScheme() + "://" + host));
    }
}
