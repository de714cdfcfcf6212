package io.github.session4j.cli;

import java.io.PrintWriter;

/**
 * A progress bar on stderr, drawn only when stderr is a terminal and the output is for people;
 * otherwise nothing. With an unknown total it shows a count.
 */
final class Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private long total;
    private long lastDraw;
    private boolean drawn;

    Progress(PrintWriter err, boolean enabled, String label, long total) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.total = total;
    }

    /** Whether progress is drawn for this run: a terminal, and text output. */
    static boolean onTerminal(Output output) {
        return System.console() != null && !output.json();
    }

    void update(long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print('\r' + render(done, total, label));
        err.flush();
    }

    void done(long done) {
        if (!enabled) {
            return;
        }
        if (total >= 0 && done > total) {
            total = done;
        }
        err.println('\r' + render(done, total < 0 ? done : total, label));
        err.flush();
    }

    /** The bar's text, such as {@code [###########-------------------]  37% 370/1000 copied}. */
    static String render(long done, long total, String label) {
        if (total <= 0) {
            return "[" + "~".repeat(WIDTH) + "] " + done + " " + label;
        }
        long shown = Math.min(done, total);
        int filled = (int) (WIDTH * shown / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format("%3d%%", 100 * shown / total)
                + " " + done + "/" + total + " " + label;
    }
}
