package io.github.session4j.filesystem;

import io.github.session4j.SessionBackendException;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion per session file, across the threads of this JVM and across processes that
 * share the session directory.
 *
 * <p>Two layers, taken in this order and released in reverse:
 * <ol>
 *   <li>in this JVM, one of 4096 {@link ReentrantLock} stripes, chosen by the file's leaf
 *       directory;</li>
 *   <li>across processes, a one-byte POSIX record lock ({@code fcntl}) in the shared lock file
 *       {@code .session4j.lock}, at the offset given by the first 32 bits of the file name.</li>
 * </ol>
 * The in-JVM layer is needed because record locks belong to a whole process: two threads of one
 * JVM asking for the same byte would get {@link java.nio.channels.OverlappingFileLockException}.
 * The byte's offset starts with the stripe's 12 bits, so files that share a byte share a stripe,
 * and two threads of one JVM never ask for the same byte at once.
 *
 * <p>Process-wide by necessity: POSIX record locks are owned by the process, and closing
 * <em>any</em> descriptor of the lock file drops every lock the process holds on it. So all
 * backend instances of one JVM that use the same directory share one instance of this class
 * (counted references, keyed by the directory's device and inode), the only static state of the
 * module. The channel is an {@link AsynchronousFileChannel}, which, unlike {@code FileChannel}, is
 * not closed when a thread using it is interrupted. The process lock is taken with non-blocking
 * attempts and a short back-off, because the kernel's deadlock detection treats all threads of a
 * process as one owner and would report false deadlocks for blocking waits.
 */
final class DirectoryLocks {

    /** How long an operation waits for another process before failing. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Map<Object, DirectoryLocks> OPEN = new HashMap<>();

    private final Object identity;
    private final Path lockFile;
    private final AsynchronousFileChannel channel;
    private final ReentrantLock[] stripes = new ReentrantLock[FileLayout.LEAVES];
    private int references;

    private DirectoryLocks(Object identity, Path lockFile, AsynchronousFileChannel channel) {
        this.identity = identity;
        this.lockFile = lockFile;
        this.channel = channel;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Opens (or shares) the locks of a session directory.
     *
     * @param layout the directory's layout
     * @param fileMode the mode of the lock file when it is created
     * @return the locks; the caller calls {@link #release()} once when done
     * @throws IOException when the lock file cannot be opened
     */
    static DirectoryLocks open(FileLayout layout, Set<PosixFilePermission> fileMode) throws IOException {
        Object identity = identityOf(layout.root());
        synchronized (OPEN) {
            DirectoryLocks locks = OPEN.get(identity);
            if (locks == null) {
                AsynchronousFileChannel channel = AsynchronousFileChannel.open(layout.lockFile(),
                        Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                                LinkOption.NOFOLLOW_LINKS),
                        null, PosixFilePermissions.asFileAttribute(fileMode));
                locks = new DirectoryLocks(identity, layout.lockFile(), channel);
                OPEN.put(identity, locks);
            }
            locks.references++;
            return locks;
        }
    }

    /**
     * Drops one reference; the last one closes the lock file.
     *
     * @throws IOException when the lock file cannot be closed
     */
    void release() throws IOException {
        synchronized (OPEN) {
            if (--references == 0) {
                OPEN.remove(identity);
                channel.close();
            }
        }
    }

    /**
     * Runs {@code work} while holding the lock of one session file.
     *
     * @param name the session file name
     * @param work what to do under the lock
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws IOException when {@code work} throws it
     * @throws SessionBackendException when the lock cannot be had within {@link #TIMEOUT}
     */
    <T> T underLock(String name, Locked<T> work) throws IOException {
        Lease lease = lock(name);
        try {
            return work.run();
        } finally {
            lease.close();
        }
    }

    private Lease lock(String name) {
        ReentrantLock stripe = stripes[FileLayout.leafOf(name)];
        long position = Long.parseLong(name, 0, 8, 16);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            if (!stripe.tryLock(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timeout(name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionBackendException("Interrupted while waiting for the lock of session file " + name
                    + " in " + lockFile.getParent(), e);
        }
        try {
            return new Lease(stripe, acquire(name, position, deadline));
        } catch (RuntimeException e) {
            stripe.unlock();
            throw e;
        }
    }

    private FileLock acquire(String name, long position, long deadline) {
        long pause = TimeUnit.MICROSECONDS.toNanos(20);
        try {
            while (true) {
                FileLock lock = channel.tryLock(position, 1, false);
                if (lock != null) {
                    return lock;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw timeout(name);
                }
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(5));
            }
        } catch (IOException e) {
            throw new SessionBackendException("Could not lock session file " + name + " through " + lockFile
                    + ": " + e.getMessage() + ". Check that the file system supports POSIX locks.", e);
        }
    }

    private SessionBackendException timeout(String name) {
        return new SessionBackendException("Waited " + TIMEOUT.toSeconds() + " s for the lock of session file " + name
                + " in " + lockFile.getParent() + " without getting it; check for a hung process that uses this directory.");
    }

    private static Object identityOf(Path root) throws IOException {
        Object fileKey = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        return fileKey != null ? fileKey : root.toRealPath();
    }

    /**
     * Work done under a file's lock.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    interface Locked<T> {

        /**
         * Does the work.
         *
         * @return the result
         * @throws IOException when a file operation fails
         */
        T run() throws IOException;
    }

    /** A held lock; closing it releases both layers. */
    private final class Lease {

        private final ReentrantLock stripe;
        private final FileLock fileLock;

        private Lease(ReentrantLock stripe, FileLock fileLock) {
            this.stripe = stripe;
            this.fileLock = fileLock;
        }

        void close() {
            try {
                fileLock.release();
            } catch (IOException e) {
                throw new SessionBackendException("Could not release the lock in " + lockFile + ": " + e.getMessage(), e);
            } finally {
                stripe.unlock();
            }
        }
    }
}
