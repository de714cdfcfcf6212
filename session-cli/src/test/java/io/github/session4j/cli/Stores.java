package io.github.session4j.cli;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.RequestHeaders;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.RecordScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The stores the CLI tests run on, each described by a properties file as an operator's
 * application would have it, under a key prefix of the test's own; and sessions made in them the
 * way an application makes them (a request's commit).
 */
final class Stores {

    static final String SECRET = "cli-test-secret-0123456789-abcdefghijklmnop";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Stores() {
    }

    static String prefix() {
        return "cli" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ":";
    }

    static Map<String, String> common(String prefix) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("SESSION_KEY_PREFIX", prefix);
        settings.put("SECRET_KEY", SECRET);
        return settings;
    }

    static Map<String, String> filesystem(Path dir, String prefix) {
        Map<String, String> settings = common(prefix);
        settings.put("SESSION_TYPE", "filesystem");
        settings.put("SESSION_FILE_DIR", dir.toString());
        settings.put("SESSION_FILE_SWEEP_INTERVAL", "0s");
        return settings;
    }

    /** The machine's Redis on 6379, as the brief of these tests says, under the test's prefix. */
    static Map<String, String> redis(String prefix) {
        Map<String, String> settings = common(prefix);
        settings.put("SESSION_TYPE", "redis");
        settings.put("SESSION_REDIS", "redis://127.0.0.1:6379");
        return settings;
    }

    /** H2 in a file that the test's process and the CLI's open at once (AUTO_SERVER). */
    static Map<String, String> h2(Path dir, String prefix) {
        Map<String, String> settings = common(prefix);
        settings.put("SESSION_TYPE", "jdbc");
        settings.put("SESSION_JDBC_URL", "jdbc:h2:file:" + dir.resolve("sessions").toAbsolutePath()
                + ";AUTO_SERVER=TRUE");
        settings.put("SESSION_JDBC_SWEEP_INTERVAL", "0");
        return settings;
    }

    static Map<String, String> memcached(String prefix) {
        Map<String, String> settings = common(prefix);
        settings.put("SESSION_TYPE", "memcached");
        settings.put("SESSION_MEMCACHED", TestServers.memcached().address());
        return settings;
    }

    static Path write(Path file, Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "a test's session.properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static SessionManager open(Map<String, String> settings) {
        return SessionManager.create(SessionConfig.builder().putAll(settings).build());
    }

    /** Makes a session as a request would, and answers its ID (the cookie's value). */
    static String newSession(SessionManager manager, Map<String, Object> values) {
        SessionContext context = manager.begin("GET", "/", RequestHeaders.of(Map.of()));
        context.session().putAll(values);
        String id = context.sessionId();
        context.commit();
        return id;
    }

    /** The values a request with this ID sees, or null when it gets a fresh session. */
    static Map<String, Object> read(SessionManager manager, String id) {
        SessionContext context = manager.begin("GET", "/", RequestHeaders.of(Map.of("Cookie",
                List.of(manager.settings().cookieName() + "=" + id))));
        Map<String, Object> values = new LinkedHashMap<>(context.session());
        boolean same = context.sessionId().equals(id);
        context.commit();
        return same ? values : null;
    }

    /** Deletes every session record under the manager's prefix (the test's own). */
    static void clear(SessionManager manager) {
        RecordScanner scanner = manager.backend().capability(RecordScanner.class).orElseThrow();
        String cursor = null;
        do {
            RecordScanner.Page page = scanner.scan(cursor, 1000);
            page.records().forEach(r -> manager.backend().delete(r.key()));
            cursor = page.next();
        } while (cursor != null);
    }
}
