package io.github.session4j.demo;

import java.nio.file.Path;
import java.util.Map;

/** Store settings for the demo's tests. */
final class DemoStores {

    private DemoStores() {
    }

    /**
     * A store that outlives the app, so that a restart keeps the sessions: Redis on
     * 127.0.0.1:6379 under a prefix of its own, until session-jdbc (H2 in {@code dir}) lands.
     */
    static Map<String, String> durable(Path dir) {
        return Map.of("SESSION_TYPE", "redis", "SESSION_REDIS", "redis://127.0.0.1:6379",
                "SESSION_KEY_PREFIX", "demo-browser-" + dir.getFileName() + ":");
    }
}
