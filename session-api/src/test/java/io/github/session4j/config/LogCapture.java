package io.github.session4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what a class logs through {@link System.Logger}, which goes to java.util.logging when
 * no other logging backend is installed (as in this module's tests).
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private LogCapture(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    /**
     * Starts capturing the warnings of a class.
     *
     * @param type the class whose logger is captured
     * @return the capture; close it at the end of the test
     */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(Logger.getLogger(type.getName()));
    }

    /**
     * The messages logged at WARNING or above so far.
     *
     * @return the formatted messages
     */
    public synchronized List<String> warnings() {
        return List.copyOf(messages);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            messages.add(formatter.formatMessage(record));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
