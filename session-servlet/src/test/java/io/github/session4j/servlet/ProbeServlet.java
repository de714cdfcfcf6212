package io.github.session4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/** One servlet whose path says what to do with the session: {@code /probe/set?name=a&value=b} ... */
final class ProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        String name = req.getParameter("name");
        String value = req.getParameter("value");
        resp.setContentType("text/plain;charset=utf-8");
        switch (req.getPathInfo()) {
            case "/set" -> {
                req.getSession().setAttribute(name, value);
                resp.getWriter().print("set");
            }
            case "/remove" -> {
                req.getSession().removeAttribute(name);
                resp.getWriter().print("removed");
            }
            case "/get" -> {
                HttpSession session = req.getSession(false);
                resp.getWriter().print(session == null ? "no session" : String.valueOf(session.getAttribute(name)));
            }
            case "/invalidate" -> {
                req.getSession().invalidate();
                resp.getWriter().print("invalidated, now " + (req.getSession(false) == null ? "none" : "some"));
            }
            case "/change-id" -> {
                String before = req.getSession().getId();
                String after = req.changeSessionId();
                resp.getWriter().print(before.equals(after) ? "same" : "changed");
            }
            case "/info" -> {
                HttpSession session = req.getSession(false);
                resp.getWriter().print("requested=" + (req.getRequestedSessionId() != null)
                        + " valid=" + req.isRequestedSessionIdValid()
                        + " new=" + (session == null ? "none" : session.isNew()));
            }
            case "/flush-early" -> {
                req.getSession().setAttribute(name, value);
                PrintWriter out = resp.getWriter();
                out.print("first part;");
                resp.flushBuffer();
                out.print(" committed=" + resp.isCommitted());
            }
            case "/overflow" -> {
                req.getSession().setAttribute(name, value);
                byte[] chunk = "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII);
                int total = 0;
                while (total < 3 * resp.getBufferSize()) {
                    resp.getOutputStream().write(chunk);
                    total += chunk.length;
                }
            }
            case "/content-length" -> {
                req.getSession().setAttribute(name, value);
                resp.setContentLength(5);
                resp.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            }
            case "/late-change" -> {
                req.getSession().setAttribute(name, value);
                resp.getWriter().print("flushed;");
                resp.flushBuffer();
                try {
                    req.getSession().setAttribute("late", "x");
                    resp.getWriter().print(" late change accepted");
                } catch (IllegalStateException e) {
                    resp.getWriter().print(" late change refused: " + e.getMessage());
                }
            }
            case "/redirect" -> {
                req.getSession().setAttribute(name, value);
                resp.getWriter().print("this body is dropped");
                resp.sendRedirect("/probe/get?name=" + name);
            }
            case "/redirect-then-remove" -> {
                // Spring Security's sign-in success: the redirect, then clearing an attribute it may have set.
                req.getSession().setAttribute(name, value);
                resp.sendRedirect("/probe/get?name=" + name);
                req.getSession().removeAttribute("SPRING_SECURITY_LAST_EXCEPTION");
            }
            case "/error" -> {
                req.getSession().setAttribute(name, value);
                resp.addCookie(new Cookie("theme", "dark"));
                resp.sendError(HttpServletResponse.SC_FORBIDDEN, "no entry");
            }
            case "/async" -> {
                req.getSession().setAttribute(name, value);
                AsyncContext async = req.startAsync();
                async.start(() -> {
                    try {
                        async.getResponse().getWriter().print("async done");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    async.complete();
                });
            }
            case "/async-after-dispatch" -> {
                req.getSession().setAttribute(name, value);
                CountDownLatch returned = (CountDownLatch) req.getAttribute(DispatchReturnedFilter.ATTRIBUTE);
                AsyncContext async = req.startAsync();
                async.start(() -> {
                    try {
                        returned.await();
                        PrintWriter out = async.getResponse().getWriter();
                        try {
                            req.getSession().setAttribute("late", "x");
                            out.print("async late change accepted");
                        } catch (IllegalStateException e) {
                            out.print("async late change refused");
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    async.complete();
                });
            }
            case "/facade" -> {
                Object counter = SessionFilter.session(req).merge("counter", 1, (a, b) -> (Integer) a + (Integer) b);
                resp.getWriter().print("counter=" + counter);
            }
            case "/wrapped-failure" -> {
                try {
                    req.getSession(false);
                } catch (RuntimeException e) {
                    throw new ServletException("the application wrapped it", e);
                }
                resp.getWriter().print("store reachable");
            }
            case "/change-id-then-error" -> {
                req.changeSessionId();
                resp.sendError(HttpServletResponse.SC_FORBIDDEN);
            }
            case "/async-dispatch" -> {
                req.getSession().setAttribute(name, value);
                AsyncContext async = req.startAsync();
                async.start(() -> async.dispatch("/probe/dispatched"));
            }
            case "/async-flush-dispatch" -> {
                req.getSession().setAttribute(name, value);
                AsyncContext async = req.startAsync();
                async.start(() -> {
                    try {
                        async.getResponse().getWriter().print("flushed;");
                        async.getResponse().flushBuffer();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    async.dispatch("/probe/dispatched-committed");
                });
            }
            case "/dispatched-committed" -> {
                HttpSession session = req.getSession(false);
                String outcome;
                try {
                    session.setAttribute("dispatched", "late");
                    outcome = "change accepted";
                } catch (IllegalStateException e) {
                    outcome = "change refused";
                }
                resp.getWriter().print(" " + req.getDispatcherType() + " color=" + session.getAttribute("color") + " " + outcome);
            }
            case "/dispatched" -> {
                HttpSession session = req.getSession(false);
                session.setAttribute("dispatched", req.getDispatcherType().name());
                resp.getWriter().print(req.getDispatcherType() + " color=" + session.getAttribute("color")
                        + " link=" + resp.encodeURL("/probe/next"));
            }
            case "/max-inactive" -> {
                HttpSession session = req.getSession();
                String seconds = req.getParameter("seconds");
                if (seconds != null) {
                    session.setMaxInactiveInterval(Integer.parseInt(seconds));
                }
                resp.getWriter().print(session.getMaxInactiveInterval());
            }
            case "/throw" -> {
                req.getSession().setAttribute(name, value);
                throw new ServletException("the application failed");
            }
            case "/error-page" -> {
                // Like Spring Security on an error dispatch: reads the session, and saves something
                // in it (a saved request, a security context), creating one when asked to.
                Object status = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
                if (req.getParameter("quiet") != null) {
                    resp.getWriter().print("error page " + req.getDispatcherType() + " " + status + " quiet");
                    return;
                }
                HttpSession session = req.getSession(req.getParameter("save") != null);
                String color = session == null ? "none" : String.valueOf(session.getAttribute("color"));
                if (session != null) {
                    session.setAttribute("error-page", String.valueOf(status));
                    if (req.getParameter("regenerate") != null) {
                        req.changeSessionId();
                    }
                }
                resp.addCookie(new Cookie("seen-error", String.valueOf(status)));
                resp.getWriter().print("error page " + req.getDispatcherType() + " " + status + " color=" + color
                        + " link=" + resp.encodeURL("/probe/next") + " redirect=" + resp.encodeRedirectURL("/probe/login"));
            }
            default -> resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
