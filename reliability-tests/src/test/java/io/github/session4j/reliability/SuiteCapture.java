package io.github.session4j.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the whole suite said and stored, for item 18: every log line (a handler on the root
 * {@code java.util.logging} logger, which {@code System.Logger} and spymemcached write to, at
 * every level for session4j's own loggers), everything written to {@code System.out} and
 * {@code System.err} (where SLF4J's simple logger writes), every exception message the test apps
 * saw, every store key left by a test app, and every session ID that crossed the wire.
 *
 * <p>Registered for every test class through {@code META-INF/services} (JUnit's extension
 * auto-detection), so that it is installed before the first test.
 */
public final class SuiteCapture implements BeforeAllCallback {

    private static final Queue<String> LINES = new ConcurrentLinkedQueue<>();
    private static final Queue<String> EXCEPTION_MESSAGES = new ConcurrentLinkedQueue<>();
    private static final Queue<String> STORE_KEYS = new ConcurrentLinkedQueue<>();
    private static final Set<String> SESSION_IDS = ConcurrentHashMap.newKeySet();
    private static final Logger SESSION4J_LOGGERS = Logger.getLogger("io.github.session4j");

    static {
        SimpleFormatter formatter = new SimpleFormatter();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                LINES.add(formatter.format(record));
                if (record.getThrown() != null) {
                    exception(record.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
        SESSION4J_LOGGERS.setLevel(Level.ALL);
        System.setOut(tee(System.out));
        System.setErr(tee(System.err));
    }

    /** Creates the extension; JUnit does. */
    public SuiteCapture() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // the static initializer did the work, once per JVM
    }

    /**
     * Records a session ID seen on the wire.
     *
     * @param id the ID
     */
    static void sessionId(String id) {
        if (id != null && id.length() >= 16) {
            SESSION_IDS.add(id);
        }
    }

    /**
     * Records the message of an exception and of its causes and suppressed exceptions.
     *
     * @param thrown the exception
     */
    static void exception(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            EXCEPTION_MESSAGES.add(t.getClass().getName() + ": " + t.getMessage());
            for (Throwable suppressed : t.getSuppressed()) {
                exception(suppressed);
            }
            if (t.getCause() == t) {
                break;
            }
        }
    }

    /**
     * Records the keys a test app left in its store.
     *
     * @param keys the keys
     */
    static void storeKeys(List<String> keys) {
        STORE_KEYS.addAll(keys);
    }

    /** @return the session IDs seen so far */
    static Set<String> sessionIds() {
        return Set.copyOf(SESSION_IDS);
    }

    /** @return every log line and console line so far */
    static List<String> lines() {
        return new ArrayList<>(LINES);
    }

    /** @return every exception message so far */
    static List<String> exceptionMessages() {
        return new ArrayList<>(EXCEPTION_MESSAGES);
    }

    /** @return every store key recorded so far */
    static List<String> storeKeys() {
        return new ArrayList<>(STORE_KEYS);
    }

    private static PrintStream tee(PrintStream original) {
        OutputStream capture = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                original.write(b);
                if (b == '\n') {
                    LINES.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        return new PrintStream(capture, true, StandardCharsets.UTF_8);
    }
}
