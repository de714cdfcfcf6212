package io.github.session4j.demo;

import java.nio.file.Path;
import java.util.Map;

/** Store settings for the demo's tests. */
final class DemoStores {

    private DemoStores() {
    }

    /**
     * The demo's default store, in a test's own directory: H2 in a file, which outlives the app,
     * so a restart keeps the sessions.
     */
    static Map<String, String> h2(Path dir) {
        return Map.of("SESSION_TYPE", "jdbc", "SESSION_JDBC_URL", "jdbc:h2:file:" + dir.resolve("sessions").toAbsolutePath());
    }
}
