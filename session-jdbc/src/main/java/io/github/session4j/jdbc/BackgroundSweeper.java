package io.github.session4j.jdbc;

import io.github.session4j.spi.ExpirySweeper;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Deletes expired rows on a daemon thread: the first run starts at a random moment within the
 * first interval (so that instances started together do not sweep together), then one run per
 * interval. A run deletes small batches with a pause between them, until a batch comes back
 * short; a failed run is logged and the next one tries again.
 */
final class BackgroundSweeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BackgroundSweeper.class.getName());
    private static final BackgroundSweeper OFF = new BackgroundSweeper(null, 0, Duration.ZERO, null);

    private final ExpirySweeper sweeper;
    private final int batchSize;
    private final Duration pause;
    private final ScheduledExecutorService executor;

    private BackgroundSweeper(ExpirySweeper sweeper, int batchSize, Duration pause, ScheduledExecutorService executor) {
        this.sweeper = sweeper;
        this.batchSize = batchSize;
        this.pause = pause;
        this.executor = executor;
    }

    /**
     * Starts sweeping, unless {@code SESSION_JDBC_SWEEP_INTERVAL} is 0.
     *
     * @param sweeper what deletes one batch
     * @param settings interval, batch size and pause
     * @return the running sweeper, to close
     */
    static BackgroundSweeper start(ExpirySweeper sweeper, JdbcSettings settings) {
        if (settings.sweepInterval().isZero()) {
            return OFF;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "session4j-jdbc-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        BackgroundSweeper running = new BackgroundSweeper(sweeper, settings.sweepBatchSize(), settings.sweepPause(), executor);
        long interval = settings.sweepInterval().toMillis();
        long firstDelay = ThreadLocalRandom.current().nextLong(Math.max(1, interval));
        executor.scheduleWithFixedDelay(running::runOnceLogged, firstDelay, interval, TimeUnit.MILLISECONDS);
        return running;
    }

    /**
     * Deletes batches until one comes back short or the thread is interrupted.
     *
     * @return how many rows were deleted
     * @throws InterruptedException when interrupted during a pause
     */
    int runOnce() throws InterruptedException {
        int total = 0;
        while (!Thread.currentThread().isInterrupted()) {
            int deleted = sweeper.sweepExpired(batchSize);
            total += deleted;
            if (deleted < batchSize) {
                break;
            }
            Thread.sleep(pause.toMillis());
        }
        return total;
    }

    private void runOnceLogged() {
        try {
            int deleted = runOnce();
            LOG.log(Level.DEBUG, "session4j-jdbc sweeper deleted {0} expired sessions", deleted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A failure must not end the schedule: the next run tries again.
            LOG.log(Level.WARNING, "session4j-jdbc sweeper failed; it retries at its next run", e);
        }
    }

    /** Stops the thread, waiting a few seconds for a batch in progress. */
    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
