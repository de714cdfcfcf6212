package io.github.session4j.servlet;

import io.github.session4j.RequestHeaders;
import io.github.session4j.ResponseHeader;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The session of one request over all its dispatches, kept in a request attribute.
 *
 * <p>The first pass through the filter (the {@code REQUEST} dispatch) commits its session when the
 * filter chain returns, or earlier when the response is about to be committed. The container may
 * then dispatch the same request again: to an error page after {@code sendError} or an exception,
 * or with {@code AsyncContext.dispatch()}. Such a dispatch carries the container's own request,
 * without the filter's wrapper, so the filter wraps it again with a <em>continuation</em>: a new
 * {@link SessionContext} that presents the session ID the client holds once this response arrives
 * (the one the last commit sent, or the client's own when none was sent). The later dispatch so
 * sees the same session, changes it, and commits again before its own output goes out.
 *
 * <p>Containers reset part of the response before an error page (Jetty drops {@code Cache-Control}
 * and {@code Vary}, and a reset may drop more), so every commit of a continuation writes the
 * session's headers again: the latest session cookie replaces earlier ones (one {@code Set-Cookie}
 * for the session, never two), the ID header is set, and the other headers are added when missing.
 */
final class RequestSessions {

    private final SessionManager manager;
    private final RequestHeaders clientHeaders;
    private final String cookiePrefix;
    private final Optional<String> idHeader;
    private final Object lock = new Object();
    /** The session headers on the response now, as the filter last wrote them. */
    private List<ResponseHeader> sent = List.of();
    private boolean committedBefore;
    private SessionContext current;
    private SessionRequest first;
    private boolean passRunning;

    RequestSessions(SessionManager manager, RequestHeaders clientHeaders) {
        this.manager = manager;
        this.clientHeaders = clientHeaders;
        this.cookiePrefix = manager.settings().cookieName() + "=";
        this.idHeader = manager.settings().idHeader();
    }

    /** The context of the first pass, from the client's own headers. */
    SessionContext begin() {
        SessionContext context = manager.begin(clientHeaders);
        synchronized (lock) {
            current = context;
        }
        return context;
    }

    /**
     * The context of a later dispatch: the session the client holds once this response arrives.
     * Does no I/O; the session loads when the dispatch first uses it.
     */
    SessionContext continuation() {
        String issued;
        synchronized (lock) {
            issued = issuedCookie(sent);
        }
        RequestHeaders presented = issued == null ? clientHeaders
                : issued.isEmpty() ? RequestHeaders.none() : RequestHeaders.cookie(cookiePrefix + issued);
        SessionContext context = manager.begin(presented);
        synchronized (lock) {
            current = context;
        }
        return context;
    }

    /** The context of the dispatch that runs now, or ran last. */
    SessionContext current() {
        synchronized (lock) {
            return current;
        }
    }

    /** The first pass's request, which answers what the client asked for. */
    SessionRequest first() {
        synchronized (lock) {
            return first;
        }
    }

    /**
     * Marks a pass through the filter as running.
     *
     * @param request the filter's wrapper for this pass; remembered when it is the first
     */
    void enter(SessionRequest request) {
        synchronized (lock) {
            passRunning = true;
            if (first == null) {
                first = request;
            }
        }
    }

    /** Marks the pass as returned: a dispatch after this one gets a continuation. */
    void leave() {
        synchronized (lock) {
            passRunning = false;
        }
    }

    /**
     * Whether a pass through the filter is running: a dispatch now (a forward or include from
     * within it) keeps that pass's session as it is.
     */
    boolean passRunning() {
        synchronized (lock) {
            return passRunning;
        }
    }

    /**
     * Writes a commit's headers on the response. The first commit adds them as they are; a later
     * one (of a continuation) merges them with what was sent before and writes whatever the
     * response lost in between again.
     *
     * @param response the container's response (or a wrapper that passes headers through)
     * @param headers the commit's headers
     */
    void write(HttpServletResponse response, List<ResponseHeader> headers) {
        synchronized (lock) {
            if (!committedBefore) {
                committedBefore = true;
                headers.forEach(header -> response.addHeader(header.name(), header.value()));
                sent = List.copyOf(headers);
                return;
            }
            List<ResponseHeader> effective = merge(sent, headers);
            writeCookies(response, effective);
            for (ResponseHeader header : effective) {
                if (header.name().equalsIgnoreCase("Set-Cookie")) {
                    continue;
                }
                Collection<String> present = response.getHeaders(header.name());
                if (isIdHeader(header.name())) {
                    if (!List.copyOf(present).equals(List.of(header.value()))) {
                        response.setHeader(header.name(), header.value());
                    }
                } else if (!present.contains(header.value())) {
                    response.addHeader(header.name(), header.value());
                }
            }
            sent = effective;
        }
    }

    /** The earlier headers with the later ones: a later session cookie or ID header replaces an earlier one. */
    private List<ResponseHeader> merge(List<ResponseHeader> earlier, List<ResponseHeader> later) {
        boolean laterCookie = later.stream().anyMatch(this::isSessionCookie);
        boolean laterId = later.stream().anyMatch(h -> isIdHeader(h.name()));
        List<ResponseHeader> merged = new ArrayList<>();
        for (ResponseHeader header : earlier) {
            if ((laterCookie && isSessionCookie(header)) || (laterId && isIdHeader(header.name()))) {
                continue;
            }
            merged.add(header);
        }
        for (ResponseHeader header : later) {
            if (!merged.contains(header)) {
                merged.add(header);
            }
        }
        return merged;
    }

    /** Makes the response's session cookies exactly the effective ones, keeping every other cookie. */
    private void writeCookies(HttpServletResponse response, List<ResponseHeader> effective) {
        List<String> wanted = effective.stream().filter(this::isSessionCookie).map(ResponseHeader::value).toList();
        List<String> present = List.copyOf(response.getHeaders("Set-Cookie"));
        List<String> presentOurs = present.stream().filter(this::ours).toList();
        if (presentOurs.equals(wanted)) {
            return;
        }
        List<String> rebuilt = new ArrayList<>(present.stream().filter(value -> !ours(value)).toList());
        rebuilt.addAll(wanted);
        if (rebuilt.isEmpty()) {
            return;
        }
        response.setHeader("Set-Cookie", rebuilt.get(0));
        for (String value : rebuilt.subList(1, rebuilt.size())) {
            response.addHeader("Set-Cookie", value);
        }
    }

    /**
     * The session ID the last session cookie among {@code headers} gives the client: {@code null}
     * when there is none, {@code ""} when it deletes the cookie.
     */
    private String issuedCookie(List<ResponseHeader> headers) {
        String issued = null;
        for (ResponseHeader header : headers) {
            if (isSessionCookie(header)) {
                String value = header.value();
                int end = value.indexOf(';');
                String id = value.substring(cookiePrefix.length(), end < 0 ? value.length() : end).trim();
                issued = value.contains("Max-Age=0") ? "" : id;
            }
        }
        return issued;
    }

    private boolean isSessionCookie(ResponseHeader header) {
        return header.name().equalsIgnoreCase("Set-Cookie") && ours(header.value());
    }

    private boolean ours(String setCookie) {
        return setCookie.startsWith(cookiePrefix);
    }

    private boolean isIdHeader(String name) {
        return idHeader.filter(name::equalsIgnoreCase).isPresent();
    }
}
