package io.github.session4j.servlet;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The container's writer, held back until the session is committed; the character twin of
 * {@link HoldBackOutputStream}. The application gets it wrapped in a {@link PrintWriter}, which
 * adds no buffer of its own.
 */
final class HoldBackWriter extends Writer implements HeldOutput {

    private final PrintWriter target;
    private final OutputGate gate;
    private StringBuilder held = new StringBuilder();
    private boolean passing;
    private boolean dropping;

    HoldBackWriter(PrintWriter target, OutputGate gate) {
        this.target = target;
        this.gate = gate;
    }

    /** The container's writer, for writing a 503 in place of the application's output. */
    PrintWriter target() {
        return target;
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        if (!passing && held.length() + (long) length > gate.capacity()) {
            release();
        }
        if (dropping) {
            return;
        }
        if (passing) {
            target.write(chars, offset, length);
        } else {
            held.append(chars, offset, length);
        }
    }

    @Override
    public synchronized void flush() {
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
    public synchronized void release() {
        if (passing) {
            return;
        }
        passing = true;
        if (!gate.open()) {
            dropping = true;
        } else {
            target.append(held);
        }
        held = null;
    }

    @Override
    public synchronized void discard() {
        if (!passing) {
            held.setLength(0);
        }
    }

    @Override
    public synchronized void drop() {
        passing = true;
        dropping = true;
        held = null;
    }
}
