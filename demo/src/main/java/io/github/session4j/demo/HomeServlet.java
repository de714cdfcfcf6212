package io.github.session4j.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /}: sends the browser to the dashboard (which sends it on to sign-in when needed); 404 elsewhere. */
final class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/".equals(req.getServletPath()) && req.getPathInfo() == null) {
            resp.sendRedirect("/dashboard");
        } else {
            Html.page(resp, HttpServletResponse.SC_NOT_FOUND, "Not found", "<p><a href=\"/\">Home</a></p>");
        }
    }
}
