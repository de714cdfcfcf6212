package io.github.session4j.filesystem;

import io.github.session4j.SessionConfig;
import io.github.session4j.spi.BackendContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Opens the backend the way an application does, through the provider. */
final class Backends {

    private Backends() {
    }

    /** A backend on {@code dir} without a background sweeper, so that tests sweep by hand. */
    static FilesystemSessionInterface open(Path dir, Clock clock, Map<String, String> settings) {
        SessionConfig config = SessionConfig.builder()
                .put("SESSION_TYPE", "filesystem")
                .put("SESSION_FILE_DIR", dir.toString())
                .put("SESSION_FILE_SWEEP_INTERVAL", "0s")
                .putAll(settings)
                .build();
        return (FilesystemSessionInterface) new FilesystemSessionInterfaceProvider().create(BackendContext.validate(new FilesystemSessionInterfaceProvider(), config, clock));
    }

    static FilesystemSessionInterface open(Path dir, Clock clock) {
        return open(dir, clock, Map.of());
    }
}
