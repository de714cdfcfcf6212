package io.github.session4j.config;

import io.github.session4j.SessionConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects every configuration problem so that they are reported together, one per line, in a
 * single {@link SessionConfigException}, instead of one per start-up attempt.
 *
 * <p>Not thread-safe: one instance per validation.
 */
public final class Problems {

    /** The first line of the core's message: {@value}. */
    public static final String HEADING = "Invalid session4j configuration";

    private final List<String> messages = new ArrayList<>();

    /**
     * Reads a value, recording the problem and returning {@code fallback} when the read throws a
     * {@link SessionConfigException}.
     *
     * @param read a typed read such as {@code () -> config.getInt("SESSION_ID_LENGTH", 32)}
     * @param fallback the value to go on with after a failure
     * @param <T> the value's type
     * @return the value read, or the fallback
     */
    public <T> T read(Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (SessionConfigException e) {
            messages.add(e.getMessage());
            return fallback;
        }
    }

    /**
     * Records a problem.
     *
     * @param message what is wrong: the key, the value (secrets masked), what was expected
     */
    public void add(String message) {
        messages.add(message);
    }

    /**
     * Records a problem when a condition fails.
     *
     * @param ok the condition that must hold
     * @param message the problem when it does not
     */
    public void check(boolean ok, Supplier<String> message) {
        if (!ok) {
            messages.add(message.get());
        }
    }

    /**
     * The problems recorded so far.
     *
     * @return the messages, in the order recorded
     */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /**
     * The heading of a backend's message, in the same layout as the core's.
     *
     * @param backendName the backend's name, such as {@code redis}
     * @return such as {@code Invalid session4j configuration of the redis backend}
     */
    public static String heading(String backendName) {
        return HEADING + " of the " + backendName + " backend";
    }

    /**
     * Throws one exception listing every problem under the core's {@linkplain #HEADING heading},
     * if there is any.
     *
     * @throws SessionConfigException with the heading and one problem per line
     */
    public void throwIfAny() {
        throwIfAny(HEADING);
    }

    /**
     * Throws one exception listing every problem, if there is any:
     * {@code Invalid session4j configuration (2 problems):} followed by one {@code   - problem}
     * line each.
     *
     * @param heading the first line, such as {@code Invalid session4j configuration}
     * @throws SessionConfigException with the heading and one problem per line
     */
    public void throwIfAny(String heading) {
        if (messages.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(heading).append(" (")
                .append(messages.size()).append(messages.size() == 1 ? " problem):" : " problems):");
        for (String message : messages) {
            text.append('\n').append("  - ").append(message);
        }
        throw new SessionConfigException(text.toString());
    }
}
