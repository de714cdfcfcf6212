package io.github.session4j.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** HTML escaping and the demo's page layout. */
final class Html {

    private Html() {
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes a whole page; {@code body} must already be escaped where it holds data. */
    static void page(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().print("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s · session4j demo</title>
                <style>body{font-family:sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}
                table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
                code{background:#f3f3f3}nav form{display:inline}</style></head>
                <body><h1>%s</h1>
                %s
                </body></html>
                """.formatted(escape(title), escape(title), body));
    }

    /** The links and the sign-out button (its form carrying the session's CSRF token) shown to a signed-in user. */
    static String nav(HttpServletRequest request) {
        return """
                <nav><a href="/dashboard">Dashboard</a> · <a href="/session">Session variable</a> ·
                <a href="/inspect">Inspect the stored session</a> · <a id="to-sessions" href="/sessions">Your sessions</a> ·
                <form method="post" action="/logout">%s<button id="sign-out" type="submit">Sign out</button></form></nav>
                """.formatted(Csrf.field(request));
    }
}
