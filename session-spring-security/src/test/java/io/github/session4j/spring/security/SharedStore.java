package io.github.session4j.spring.security;

import io.github.session4j.CommitResult;
import io.github.session4j.RequestHeaders;
import io.github.session4j.Session;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.codec.ValueType;
import io.github.session4j.filesystem.FilesystemSessionInterfaceProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A filesystem store in a directory that outlives each manager: a value put and committed by one
 * manager is loaded by a fresh one, as by another instance or after a restart.
 */
final class SharedStore {

    private final Path dir;
    private final Map<String, String> settings;

    SharedStore(Path dir, Map<String, String> settings) {
        this.dir = dir;
        this.settings = settings;
    }

    SharedStore(Path dir) {
        this(dir, Map.of());
    }

    SessionManager open(List<ValueType<?>> types) {
        SessionManager.Builder builder = SessionManager.builder(SessionConfig.builder()
                .put("SESSION_FILE_DIR", dir.toString()).putAll(settings).build())
                .provider(new FilesystemSessionInterfaceProvider());
        types.forEach(builder::valueType);
        return builder.build();
    }

    /** Puts the value in a new session with one manager; returns the Cookie header that names it. */
    String write(String key, Object value) {
        return write(session -> session.put(key, value));
    }

    String write(Consumer<Session> change) {
        return write(SpringSecurityValueTypes.all(), change);
    }

    String write(List<ValueType<?>> types, Consumer<Session> change) {
        try (SessionManager writer = open(types)) {
            SessionContext context = writer.begin(RequestHeaders.of(Map.of()));
            change.accept(context.session());
            CommitResult result = context.commit();
            String setCookie = result.header("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie"));
            return setCookie.substring(0, setCookie.indexOf(';'));
        }
    }

    /** What a fresh manager found under a cookie. */
    record Loaded(Map<String, Object> content, boolean isNew, long unreadableRecords) {
    }

    /** The session named by the cookie, as a fresh manager with these value types loads it. */
    Loaded load(String cookie, List<ValueType<?>> types) {
        try (SessionManager reader = open(types)) {
            SessionContext context = reader.begin(RequestHeaders.cookie(cookie));
            Session session = context.session();
            Loaded loaded = new Loaded(Map.copyOf(session), session.isNew(), reader.stats().unreadableRecords());
            context.commit();
            return loaded;
        }
    }

    Map<String, Object> read(String cookie, List<ValueType<?>> types) {
        Loaded loaded = load(cookie, types);
        if (loaded.isNew()) {
            throw new AssertionError("the stored session did not load (unreadable records: "
                    + loaded.unreadableRecords() + ")");
        }
        return loaded.content();
    }

    /** Writes with one manager and reads the value back with a fresh one. */
    Object roundTrip(String key, Object value) {
        String cookie = write(key, value);
        return read(cookie, SpringSecurityValueTypes.all()).get(key);
    }
}
