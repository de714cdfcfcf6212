package io.github.session4j.servlet;

import io.github.session4j.ResponseHeader;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The response as the application sees it: the session is committed, and its headers added,
 * before the response can be committed. Output is held back (see {@link HoldBackOutputStream})
 * until it would overflow the buffer, is flushed or closed, or the request ends; {@code sendError},
 * {@code sendRedirect} and {@code flushBuffer} commit the session first. When the store fails the
 * response becomes a 503 without {@code Set-Cookie}, and the application's later output is dropped.
 */
final class SessionResponse extends HttpServletResponseWrapper implements OutputGate {

    private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());
    private static final byte[] UNAVAILABLE =
            "503 Service Unavailable: the session store failed; try again shortly.\n".getBytes(StandardCharsets.UTF_8);

    /** Where the session of this request is. */
    private enum State { PENDING, COMMITTED, UNAVAILABLE }

    private final SessionContext context;
    private final Object lock = new Object();
    private State state = State.PENDING;
    private HoldBackOutputStream stream;
    private HoldBackWriter heldWriter;
    private PrintWriter writer;

    SessionResponse(HttpServletResponse response, SessionContext context) {
        super(response);
        this.context = context;
    }

    /** Whether the session can still change: it has not been committed and the store has not failed. */
    boolean sessionPending() {
        synchronized (lock) {
            return state == State.PENDING;
        }
    }

    @Override
    public boolean open() {
        SessionBackendException failure;
        synchronized (lock) {
            if (state != State.PENDING) {
                return state == State.COMMITTED;
            }
            try {
                for (ResponseHeader header : context.commit().headers()) {
                    super.addHeader(header.name(), header.value());
                }
                state = State.COMMITTED;
                return true;
            } catch (SessionBackendException e) {
                state = State.UNAVAILABLE;
                failure = e;
            } catch (RuntimeException e) {
                // An unstorable value: nothing was saved; the application's output goes on without a cookie.
                state = State.COMMITTED;
                throw e;
            }
        }
        // Outside the lock, like every call into the streams: they lock themselves first, then call open().
        sendUnavailable(failure);
        return false;
    }

    @Override
    public int capacity() {
        return Math.max(1, getBufferSize());
    }

    /**
     * Answers 503 in place of whatever the application was doing, because the store failed while
     * the session was loaded. Does nothing if a 503 was already sent.
     */
    void fail(SessionBackendException e) {
        synchronized (lock) {
            if (state == State.UNAVAILABLE) {
                return;
            }
            state = State.UNAVAILABLE;
        }
        sendUnavailable(e);
    }

    /**
     * Ends the filter's part of the request: commits the session if still pending and hands held
     * output to the container. Also called when an async request's first dispatch returns.
     */
    void finish() throws IOException {
        open();
        releaseOutput();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        synchronized (lock) {
            if (stream == null) {
                stream = new HoldBackOutputStream(super.getOutputStream(), this);
                if (state != State.PENDING) {
                    // finish() already ran (an async request's writer obtained late): nothing may wait here.
                    stream.release();
                }
            }
            return stream;
        }
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        synchronized (lock) {
            if (writer == null) {
                heldWriter = new HoldBackWriter(super.getWriter(), this);
                writer = new PrintWriter(heldWriter);
                if (state != State.PENDING) {
                    heldWriter.release();
                }
            }
            return writer;
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        releaseOutput();
        if (sessionCommitted()) {
            super.flushBuffer();
        }
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        discardOutput();
        if (open()) {
            super.sendError(status, message);
        }
    }

    @Override
    public void sendError(int status) throws IOException {
        discardOutput();
        if (open()) {
            super.sendError(status);
        }
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        discardOutput();
        if (open()) {
            super.sendRedirect(location);
        }
    }

    @Override
    public void sendRedirect(String location, int status) throws IOException {
        discardOutput();
        if (open()) {
            super.sendRedirect(location, status);
        }
    }

    @Override
    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        beforeRedirect(clearBuffer);
        if (open()) {
            super.sendRedirect(location, clearBuffer);
        }
    }

    @Override
    public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
        beforeRedirect(clearBuffer);
        if (open()) {
            super.sendRedirect(location, status, clearBuffer);
        }
    }

    @Override
    public void reset() {
        super.reset();
        discardOutput();
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        discardOutput();
    }

    private void beforeRedirect(boolean clearBuffer) throws IOException {
        if (clearBuffer) {
            discardOutput();
        } else {
            releaseOutput();
        }
    }

    private boolean sessionCommitted() {
        synchronized (lock) {
            return state == State.COMMITTED;
        }
    }

    private void releaseOutput() throws IOException {
        for (HeldOutput output : heldOutputs()) {
            output.release();
        }
        open();
    }

    private void discardOutput() {
        heldOutputs().forEach(HeldOutput::discard);
    }

    /** The stream and writer made so far; read under the lock, used outside it (they lock themselves first). */
    private List<HeldOutput> heldOutputs() {
        synchronized (lock) {
            List<HeldOutput> outputs = new ArrayList<>(2);
            if (stream != null) {
                outputs.add(stream);
            }
            if (heldWriter != null) {
                outputs.add(heldWriter);
            }
            return outputs;
        }
    }

    /** Replaces the response with a 503 without {@code Set-Cookie}, if nothing has been sent yet. */
    private void sendUnavailable(SessionBackendException e) {
        HttpServletResponse raw = (HttpServletResponse) getResponse();
        if (raw.isCommitted()) {
            LOG.log(Level.WARNING, "Session store failed after the response was committed; "
                    + "the response cannot become a 503 and the session changes are lost: {0}", e.getMessage());
            return;
        }
        LOG.log(Level.WARNING, "Session store failed; answering 503: {0}", e.getMessage());
        heldOutputs().forEach(HeldOutput::drop);
        HoldBackOutputStream s;
        HoldBackWriter w;
        synchronized (lock) {
            s = stream;
            w = heldWriter;
        }
        try {
            raw.reset();
            raw.setStatus(SC_SERVICE_UNAVAILABLE);
            raw.setContentType("text/plain;charset=utf-8");
            raw.setHeader("Retry-After", "1");
            raw.setHeader("Cache-Control", "no-store");
            raw.setContentLength(UNAVAILABLE.length);
            if (w != null) {
                w.target().write(new String(UNAVAILABLE, StandardCharsets.UTF_8));
            } else {
                OutputStream body = s != null ? s.target() : raw.getOutputStream();
                body.write(UNAVAILABLE);
            }
            // Committed now, so that nothing the application still sets can turn it back into a 200.
            raw.flushBuffer();
        } catch (IOException | IllegalStateException failure) {
            LOG.log(Level.WARNING, "Could not send the 503 for a failed session store: {0}", failure.toString());
        }
    }
}
