package io.github.session4j.jdkhttp;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.github.session4j.ResponseHeader;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An exchange that commits the session just before the response headers go out, and answers 503
 * instead when the store fails. Everything else is delegated unchanged.
 */
final class SessionExchange extends HttpExchange {

    private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());
    private static final byte[] UNAVAILABLE =
            "503 Service Unavailable: the session store failed; try again shortly.\n".getBytes(StandardCharsets.UTF_8);

    private final HttpExchange delegate;
    private final SessionContext context;
    private boolean committed;
    private boolean headersSent;
    private boolean replacedBy503;

    SessionExchange(HttpExchange delegate, SessionContext context) {
        this.delegate = delegate;
        this.context = context;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        try {
            commitIfPending();
        } catch (SessionBackendException e) {
            LOG.log(Level.WARNING, "Session commit failed; answering 503: {0}", e.getMessage());
            sendUnavailableIfPossible();
            return;
        }
        headersSent = true;
        delegate.sendResponseHeaders(code, length);
    }

    SessionContext context() {
        return context;
    }

    void commitIfPending() {
        if (committed) {
            return;
        }
        committed = true;
        for (ResponseHeader header : context.commit().headers()) {
            delegate.getResponseHeaders().add(header.name(), header.value());
        }
    }

    /** Sends a 503 if nothing has been sent yet; the handler's later writes are discarded. */
    void sendUnavailableIfPossible() throws IOException {
        committed = true;
        if (headersSent) {
            return;
        }
        headersSent = true;
        replacedBy503 = true;
        Headers headers = delegate.getResponseHeaders();
        headers.remove("Set-Cookie");
        headers.set("Content-Type", "text/plain; charset=utf-8");
        headers.set("Retry-After", "1");
        delegate.sendResponseHeaders(503, UNAVAILABLE.length);
        try (OutputStream body = delegate.getResponseBody()) {
            body.write(UNAVAILABLE);
        }
    }

    @Override
    public OutputStream getResponseBody() {
        return replacedBy503 ? OutputStream.nullOutputStream() : delegate.getResponseBody();
    }

    @Override
    public Headers getRequestHeaders() {
        return delegate.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
        return delegate.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
        return delegate.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
        return delegate.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return delegate.getHttpContext();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public InputStream getRequestBody() {
        return delegate.getRequestBody();
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return delegate.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
        return replacedBy503 ? 503 : delegate.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return delegate.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return delegate.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return delegate.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        delegate.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream input, OutputStream output) {
        delegate.setStreams(input, output);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return delegate.getPrincipal();
    }
}
