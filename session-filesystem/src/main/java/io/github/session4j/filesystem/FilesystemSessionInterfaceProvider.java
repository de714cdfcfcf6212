package io.github.session4j.filesystem;

import io.github.session4j.config.Setting;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.List;
import java.util.Set;

/**
 * The {@code filesystem} backend: sessions as files under {@code SESSION_FILE_DIR}, written
 * atomically and locked across threads and processes. See {@link FilesystemSessionInterface}.
 */
public final class FilesystemSessionInterfaceProvider implements SessionInterfaceProvider {

    /** Creates the provider; does no I/O. */
    public FilesystemSessionInterfaceProvider() {
    }

    /** @return {@code filesystem} */
    @Override
    public String name() {
        return "filesystem";
    }

    /** @return {@code io.github.session4j:session-filesystem} */
    @Override
    public String artifact() {
        return "io.github.session4j:session-filesystem";
    }

    /** @return {@code SESSION_FILE_DIR}, {@code SESSION_FILE_MODE}, {@code SESSION_FILE_THRESHOLD}, {@code SESSION_FILE_SWEEP_INTERVAL} */
    @Override
    public List<Setting<?>> settings() {
        return FilesystemSettings.SETTINGS;
    }

    /**
     * What the filesystem backend can do besides load, write, delete and touch: sweep, count and
     * index signed-in sessions. It neither appends nor revalidates.
     *
     * @return {@link ExpirySweeper}, {@link SessionCounter}, {@link PrincipalIndex}
     */
    @Override
    public Set<Class<?>> capabilities() {
        return Set.of(ExpirySweeper.class, SessionCounter.class, PrincipalIndex.class, RecordScanner.class);
    }

    /**
     * Validates the settings, creates or checks the session directory, and starts the background
     * sweeper.
     *
     * @param context the configuration, the core settings and the clock
     * @return the backend, which the caller closes
     * @throws io.github.session4j.SessionConfigException when a setting is invalid, or the directory is a
     *     symbolic link, not a directory, writable by group or others, or owned by another user
     * @throws io.github.session4j.SessionBackendException when the directory cannot be created, read or written
     */
    @Override
    public SessionInterface create(BackendContext context) {
        FilesystemSettings settings = FilesystemSettings.from(context.config(), context.core().keyPrefix());
        SessionDirectory.prepare(settings);
        return FilesystemSessionInterface.open(settings, context.clock());
    }
}
