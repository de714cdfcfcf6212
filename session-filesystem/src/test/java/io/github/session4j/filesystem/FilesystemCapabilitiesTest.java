package io.github.session4j.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionManager;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings that need a capability the filesystem backend lacks (it cannot append or
 * revalidate) stop start-up, naming the backends that have it; the one it has (sweeping) works.
 */
class FilesystemCapabilitiesTest {

    @TempDir
    Path dir;

    private SessionManager manager(String key, String value) {
        return SessionManager.create(SessionConfig.builder().put("SESSION_TYPE", "filesystem")
                .put("SESSION_FILE_DIR", dir.toString()).put("SESSION_FILE_SWEEP_INTERVAL", "0s").put(key, value).build());
    }

    @Test
    void deltaWritesOnTheFilesystemWhichCannotAppendStopStartUp() {
        assertThatThrownBy(() -> manager("SESSION_DELTA_WRITES", "true"))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_DELTA_WRITES was 'true' but the filesystem backend in use cannot append to a stored"
                        + " record: it has no RecordAppender. Backends on the classpath that have it: memory; set"
                        + " SESSION_TYPE to one of them, or unset SESSION_DELTA_WRITES.");
    }

    @Test
    void aRecordCacheOnTheFilesystemWhichCannotRevalidateStopsStartUp() {
        assertThatThrownBy(() -> manager("SESSION_RECORD_CACHE", "64MB"))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_RECORD_CACHE was '64MB' but the filesystem backend in use cannot tell whether a"
                        + " record changed without reading it: it has no RecordRevalidator. Backends on the classpath"
                        + " that have it: memory; set SESSION_TYPE to one of them, or unset SESSION_RECORD_CACHE.");
    }

    @Test
    void cleanupOnTheFilesystemWhichCanSweepStarts() {
        try (SessionManager manager = manager("SESSION_CLEANUP_N_REQUESTS", "1000")) {
            assertThat(manager.backendName()).isEqualTo("filesystem");
        }
    }
}
