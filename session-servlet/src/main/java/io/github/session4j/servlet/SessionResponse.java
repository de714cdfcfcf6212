package io.github.session4j.servlet;

import io.github.session4j.ResponseHeader;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionEncodingException;
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
 * response becomes a 503 without {@code Set-Cookie}, and the application's later output is dropped;
 * when the session cannot be stored (over {@code SESSION_MAX_SIZE}) it becomes a 413 with the
 * codec's message. URLs are never encoded with a session ID.
 */
final class SessionResponse extends HttpServletResponseWrapper implements OutputGate {

    private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());
    private static final byte[] UNAVAILABLE =
            "503 Service Unavailable: the session store failed; try again shortly.\n".getBytes(StandardCharsets.UTF_8);

    /** Where the session of this request is: REPLACED when the response became a 503 or a 413. */
    private enum State { PENDING, COMMITTED, REPLACED }

    private final RequestSessions sessions;
    private final SessionContext context;
    private final Object lock = new Object();
    private State state = State.PENDING;
    private HoldBackOutputStream stream;
    private HoldBackWriter heldWriter;
    private PrintWriter writer;

    SessionResponse(HttpServletResponse response, RequestSessions sessions, SessionContext context) {
        super(response);
        this.sessions = sessions;
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
        SessionEncodingException refusal = null;
        synchronized (lock) {
            if (state != State.PENDING) {
                return state == State.COMMITTED;
            }
            try {
                sessions.write((HttpServletResponse) getResponse(), context.commit().headers());
                state = State.COMMITTED;
                return true;
            } catch (SessionBackendException e) {
                state = State.REPLACED;
                failure = e;
            } catch (SessionEncodingException e) {
                // Over SESSION_MAX_SIZE (or a cap like it): nothing was written, the stored session is as it was.
                state = State.REPLACED;
                failure = null;
                refusal = e;
            } catch (RuntimeException e) {
                // Anything else is a bug: nothing was saved; the application's output goes on without a cookie.
                state = State.COMMITTED;
                throw e;
            }
        }
        // Outside the lock, like every call into the streams: they lock themselves first, then call open().
        if (refusal != null) {
            sendTooLarge(refusal);
        } else {
            sendUnavailable(failure);
        }
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
            if (state == State.REPLACED) {
                return;
            }
            state = State.REPLACED;
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

    /** The URL unchanged: session4j never puts a session ID in a URL, so a container session's ID never gets there either. */
    @Override
    public String encodeURL(String url) {
        return url;
    }

    /** The URL unchanged: session4j never puts a session ID in a URL. */
    @Override
    public String encodeRedirectURL(String url) {
        return url;
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
        if (((HttpServletResponse) getResponse()).isCommitted()) {
            LOG.log(Level.WARNING, "Session store failed after the response was committed; "
                    + "the response cannot become a 503 and the session changes are lost: {0}", e.getMessage());
            return;
        }
        LOG.log(Level.WARNING, "Session store failed; answering 503: {0}", e.getMessage());
        replaceResponse(SC_SERVICE_UNAVAILABLE, UNAVAILABLE, true);
    }

    /**
     * Replaces the response with a 413 carrying the codec's message, without {@code Set-Cookie}: the
     * session is over {@code SESSION_MAX_SIZE} (or another cap), so nothing was stored and the
     * stored session stays as it was.
     */
    private void sendTooLarge(SessionEncodingException e) {
        if (((HttpServletResponse) getResponse()).isCommitted()) {
            LOG.log(Level.WARNING, "The session could not be stored and the response was already committed; "
                    + "the session changes are lost: {0}", e.getMessage());
            return;
        }
        LOG.log(Level.WARNING, "The session could not be stored; answering 413: {0}", e.getMessage());
        replaceResponse(SC_REQUEST_ENTITY_TOO_LARGE, (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), false);
    }

    /** Drops the application's output and headers and sends {@code body} as plain text instead, committed at once. */
    private void replaceResponse(int status, byte[] body, boolean retry) {
        HttpServletResponse raw = (HttpServletResponse) getResponse();
        heldOutputs().forEach(HeldOutput::drop);
        HoldBackOutputStream s;
        HoldBackWriter w;
        synchronized (lock) {
            s = stream;
            w = heldWriter;
        }
        try {
            raw.reset();
            raw.setStatus(status);
            raw.setContentType("text/plain;charset=utf-8");
            if (retry) {
                raw.setHeader("Retry-After", "1");
            }
            raw.setHeader("Cache-Control", "no-store");
            if (w == null || new String(body, StandardCharsets.UTF_8).chars().allMatch(c -> c < 0x80)) {
                // (a writer obtained before may encode other than UTF-8; its length is left to the container)
                raw.setContentLength(body.length);
            }
            if (w != null) {
                w.target().write(new String(body, StandardCharsets.UTF_8));
            } else {
                OutputStream out = s != null ? s.target() : raw.getOutputStream();
                out.write(body);
            }
            // Committed now, so that nothing the application still sets can turn it back into a 200.
            raw.flushBuffer();
        } catch (IOException | IllegalStateException failure) {
            LOG.log(Level.WARNING, "Could not send the {0} in place of the response: {1}", status, failure.toString());
        }
    }
}
