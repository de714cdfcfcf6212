package io.github.session4j.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the demo refuses before anything parses the request: {@code TRACE} and {@code TRACK}
 * (405: they would echo the request, cookies included), and a body over {@link #MAX_BODY}
 * bytes (413), or of unknown length (411: the cap must hold before a byte is read).
 */
final class RequestLimits extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The largest request body, 64 KB. */
    static final long MAX_BODY = 64 * 1024;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String method = req.getMethod().toUpperCase(Locale.ROOT);
        if (method.equals("TRACE") || method.equals("TRACK")) {
            resp.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            plain(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "405 Method Not Allowed: TRACE is off.\n");
            return;
        }
        long length = req.getContentLengthLong();
        if (length > MAX_BODY) {
            plain(resp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "413 Content Too Large: request bodies are limited to " + MAX_BODY / 1024 + " KB.\n");
            return;
        }
        if (length < 0 && req.getHeader("Transfer-Encoding") != null) {
            plain(resp, HttpServletResponse.SC_LENGTH_REQUIRED,
                    "411 Length Required: send a Content-Length (at most " + MAX_BODY / 1024 + " KB).\n");
            return;
        }
        chain.doFilter(req, resp);
    }

    private static void plain(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        resp.setHeader("Connection", "close");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
