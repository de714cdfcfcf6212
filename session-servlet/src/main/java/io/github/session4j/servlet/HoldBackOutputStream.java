package io.github.session4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The container's output stream, held back until the session is committed: bytes wait here until
 * they overflow the response buffer, the application flushes or closes, or the request ends; then
 * the {@link OutputGate} commits the session and everything goes through unchanged. No byte can
 * reach the container, and so commit the response, before the session's headers are set.
 */
final class HoldBackOutputStream extends ServletOutputStream implements HeldOutput {

    private final ServletOutputStream target;
    private final OutputGate gate;
    private ByteArrayOutputStream held = new ByteArrayOutputStream();
    private boolean passing;
    private boolean dropping;

    HoldBackOutputStream(ServletOutputStream target, OutputGate gate) {
        this.target = target;
        this.gate = gate;
    }

    /** The container's stream, for writing a 503 in place of the application's output. */
    ServletOutputStream target() {
        return target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (!passing && held.size() + (long) length > gate.capacity()) {
            release();
        }
        if (dropping) {
            return;
        }
        if (passing) {
            target.write(bytes, offset, length);
        } else {
            held.write(bytes, offset, length);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        release();
        if (!dropping) {
            target.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        release();
        if (!dropping) {
            target.close();
        }
    }

    @Override
    public synchronized boolean isReady() {
        return !passing || dropping || target.isReady();
    }

    /** Non-blocking output starts at once, so the session is committed when the listener is set. */
    @Override
    public synchronized void setWriteListener(WriteListener listener) {
        try {
            release();
        } catch (IOException e) {
            listener.onError(e);
            return;
        }
        target.setWriteListener(listener);
    }

    @Override
    public synchronized void release() throws IOException {
        if (passing) {
            return;
        }
        passing = true;
        if (!gate.open()) {
            dropping = true;
        } else {
            held.writeTo(target);
        }
        held = null;
    }

    @Override
    public synchronized void discard() {
        if (!passing) {
            held.reset();
        }
    }

    @Override
    public synchronized void drop() {
        passing = true;
        dropping = true;
        held = null;
    }
}
