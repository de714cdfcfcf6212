package io.github.session4j.filesystem;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/**
 * A daemon thread that sweeps expired session files every interval, in batches, until a pass
 * finds no more. It is never interrupted: closing lets the current batch finish (a batch is a
 * few thousand small file operations), so no file operation is cut off half way.
 */
final class BackgroundSweeper implements AutoCloseable {

    /** Files deleted per batch. */
    static final int BATCH = 1000;

    private static final System.Logger LOG = System.getLogger(BackgroundSweeper.class.getName());

    private final IntUnaryOperator sweep;
    private final String directory;
    private final ScheduledExecutorService executor;
    private volatile boolean stopping;

    /**
     * Starts the thread.
     *
     * @param sweep deletes at most the given number of expired files and says how many it deleted
     * @param interval the pause between runs, positive
     * @param directory the session directory, for the thread name and log messages
     */
    BackgroundSweeper(IntUnaryOperator sweep, Duration interval, String directory) {
        this.sweep = sweep;
        this.directory = directory;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "session4j-filesystem-sweeper " + directory);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            while (!stopping && sweep.applyAsInt(BATCH) == BATCH) {
                Thread.yield();
            }
        } catch (RuntimeException e) {
            // the next run tries again; a failing disk is also reported by every request
            LOG.log(Level.WARNING, "Sweeping expired session files in " + directory + " failed; retrying at the next interval", e);
        }
    }

    /** Stops the thread after its current batch. */
    @Override
    public void close() {
        stopping = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "The session file sweeper of {0} did not stop within 30 s", directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
