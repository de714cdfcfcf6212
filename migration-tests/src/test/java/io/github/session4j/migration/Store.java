package io.github.session4j.migration;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.TestServers;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The stores a migration runs between, each on a real server of its kind (the test JVM's Redis and
 * memcached from {@link TestServers}, H2 and the filesystem in the test's own directory), with
 * the test's own key prefix so that parallel tests never meet.
 */
enum Store {
    MEMCACHED, REDIS, FILESYSTEM, JDBC_H2;

    static final String SECRET = "metrics21-migration-secret-of-at-least-32-bytes";

    /** The settings of this store for one test: its key prefix, and its directory for files and H2. */
    Map<String, String> settings(String prefix, Path dir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("SESSION_KEY_PREFIX", prefix);
        settings.put("SECRET_KEY", SECRET);
        switch (this) {
            case MEMCACHED -> {
                settings.put("SESSION_TYPE", "memcached");
                settings.put("SESSION_MEMCACHED", TestServers.memcached().address());
            }
            case REDIS -> {
                settings.put("SESSION_TYPE", "redis");
                settings.put("SESSION_REDIS", TestServers.redis().uri());
            }
            case FILESYSTEM -> {
                settings.put("SESSION_TYPE", "filesystem");
                settings.put("SESSION_FILE_DIR", dir.resolve("files").toString());
                settings.put("SESSION_FILE_SWEEP_INTERVAL", "0s");
            }
            case JDBC_H2 -> {
                settings.put("SESSION_TYPE", "jdbc");
                settings.put("SESSION_JDBC_URL", "jdbc:h2:file:" + dir.resolve("h2").resolve("sessions"));
            }
        }
        return settings;
    }

    /** A manager on this store alone. */
    SessionManager manager(String prefix, Path dir) {
        return SessionManager.create(SessionConfig.builder().putAll(settings(prefix, dir)).build());
    }

    /** A manager on this store that migrates live from {@code old}. */
    SessionManager migratingFrom(Store old, String prefix, Path dir) throws IOException {
        Path file = old.write(prefix, dir);
        return SessionManager.create(SessionConfig.builder().putAll(settings(prefix, dir))
                .put("SESSION_MIGRATE_FROM", file.toString()).build());
    }

    /** Writes this store's settings as the old application's properties file. */
    Path write(String prefix, Path dir) throws IOException {
        return writeProperties(dir.resolve(name().toLowerCase() + "-old.properties"), settings(prefix, dir));
    }

    static Path writeProperties(Path file, Map<String, String> settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "the old backend of a live migration");
        }
        return file;
    }

    /** The record stored under a session's key, read straight from the store's own backend. */
    static Optional<byte[]> stored(SessionManager manager, String sessionId) {
        return manager.backend().load(manager.storeKey(sessionId)).map(r -> r.data());
    }
}
