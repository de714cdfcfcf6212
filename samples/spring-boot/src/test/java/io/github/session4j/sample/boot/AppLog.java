package io.github.session4j.sample.boot;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the app writes to the console (Spring Boot logs there), kept beside the real output:
 * Logback's console appender writes through {@code System.out} as it is at each write.
 */
final class AppLog {

    private static final Pattern ERROR = Pattern.compile("^\\S+\\s+ERROR\\s|^\\s+at \\S+\\(|^Caused by: ");

    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private PrintStream original;
    private int checked;

    void start() {
        original = System.out;
        System.setOut(new PrintStream(new Tee(original, copy), true, StandardCharsets.UTF_8));
    }

    void stop() {
        if (original != null) {
            System.setOut(original);
        }
    }

    /** The ERROR lines and stack trace lines written since the last call. */
    synchronized List<String> errors() {
        String all;
        synchronized (copy) {
            all = copy.toString(StandardCharsets.UTF_8);
        }
        String fresh = all.substring(Math.min(checked, all.length()));
        checked = all.length();
        return fresh.lines().filter(line -> ERROR.matcher(line).find()).toList();
    }

    private static final class Tee extends OutputStream {
        private final PrintStream out;
        private final ByteArrayOutputStream copy;

        Tee(PrintStream out, ByteArrayOutputStream copy) {
            this.out = out;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            out.write(b, off, len);
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
