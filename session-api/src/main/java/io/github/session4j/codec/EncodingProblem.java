package io.github.session4j.codec;

import io.github.session4j.SessionEncodingException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A value that cannot be encoded, on its way up from where it was found to the attribute that
 * holds it. Each container level adds its path segment while the problem unwinds, so the happy
 * path builds no path strings at all.
 */
final class EncodingProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_SEGMENT = 64;

    /** Formats the final message from the full path, e.g. {@code cart.items[2]}. */
    @FunctionalInterface
    interface Message {
        String format(String path);
    }

    private final transient Message message;
    private final transient Deque<String> path = new ArrayDeque<>();

    EncodingProblem(Message message) {
        super(null, null, false, false);
        this.message = message;
    }

    EncodingProblem(Message message, Throwable cause) {
        super(null, cause, false, false);
        this.message = message;
    }

    EncodingProblem inMap(String key) {
        path.addFirst("." + printable(key));
        return this;
    }

    EncodingProblem inList(int index) {
        path.addFirst("[" + index + "]");
        return this;
    }

    /** The exception users see, for the attribute {@code key} at the root of the path. */
    SessionEncodingException toException(String key) {
        String full = printable(key) + String.join("", path);
        return new SessionEncodingException(message.format(full), getCause());
    }

    /** Control characters are masked and long keys cut, so a message stays one short line. */
    private static String printable(String key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < key.length() && out.length() < MAX_SEGMENT; i++) {
            char c = key.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (key.length() > MAX_SEGMENT) {
            out.append("...");
        }
        return out.toString();
    }
}
