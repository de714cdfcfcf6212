package io.github.session4j;

import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Problems;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The old backend of a live migration ({@code SESSION_MIGRATE_FROM}): read when the new backend
 * misses, and sent every delete, so that a session ended after the switch does not come back from
 * it. It is never written otherwise; a session found in it is written to the new backend by the
 * request's own commit ({@link CommitExecutor}).
 *
 * <p>Round trips: a request whose session is in the new backend pays nothing extra. A miss costs
 * one more read (the old backend's plain load, which never refreshes its expiry there); a session
 * found there is then created in the new backend by the commit, one write whether the request
 * changed it or only read it (where a plain read on the new backend would have cost 0 or 1). Every
 * delete (invalidation, sign-out, expiry, an unreadable record) and every regenerated session's old
 * key costs one more delete, on the old backend.
 */
final class LiveMigration implements AutoCloseable {

    private final SessionInterface old;
    private final String name;

    LiveMigration(String name, SessionInterface old) {
        this.name = Objects.requireNonNull(name, "name");
        this.old = Objects.requireNonNull(old, "old");
    }

    /**
     * The old backend that {@code SESSION_MIGRATE_FROM} names, validated and connected, or empty
     * when the key is unset.
     *
     * @param config the new backend's configuration
     * @param settings the new backend's validated settings, which the old configuration must agree with
     *     on how records are named and sealed
     * @param clock the clock
     * @param onClasspath the providers found
     * @param loader where to look for the old backend's provider
     * @throws SessionConfigException listing every problem of the old configuration
     */
    static Optional<LiveMigration> open(SessionConfig config, CoreSettings settings, Clock clock,
                                        List<SessionInterfaceProvider> onClasspath, ClassLoader loader) {
        Optional<String> named = CoreKeys.SESSION_MIGRATE_FROM.find(config);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        String file = named.get();
        String heading = "SESSION_MIGRATE_FROM names " + file + ", the old backend's configuration, and it is invalid";
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new SessionConfigException(heading + " (1 problem):\n  - the file does not exist or cannot be read: "
                    + "give the path of the old application's session.properties");
        }
        SessionConfig oldConfig = SessionConfig.builder().file(path).build();
        SessionInterfaceProvider provider;
        CoreSettings oldSettings;
        try {
            provider = ProviderDiscovery.select(oldConfig, loader);
            oldSettings = CoreSettings.validate(oldConfig, provider, onClasspath);
        } catch (SessionConfigException e) {
            throw new SessionConfigException(heading + ":\n" + e.getMessage(), e);
        }
        Problems problems = new Problems();
        problems.check(CoreKeys.SESSION_MIGRATE_FROM.find(oldConfig).isEmpty(),
                () -> "it sets SESSION_MIGRATE_FROM itself: a migration reads one old backend, remove the key there");
        problems.check(oldSettings.keyPrefix().equals(settings.keyPrefix()), () -> "its SESSION_KEY_PREFIX '"
                + oldSettings.keyPrefix() + "' differs from this application's '" + settings.keyPrefix()
                + "': the stored keys must keep their names, so set the same prefix in both");
        problems.check(oldSettings.idLength() == settings.idLength(), () -> "its SESSION_ID_LENGTH " + oldSettings.idLength()
                + " differs from this application's " + settings.idLength() + ": set the same in both, or the old cookies are refused");
        problems.check(oldSettings.flaskRecords() == settings.flaskRecords(),
                () -> "its SESSION_RECORD_FORMAT differs from this application's: set the same in both");
        problems.check(readable(oldSettings, settings), () -> "its SECRET_KEY is neither this application's SECRET_KEY "
                + "nor one of its SECRET_KEY_FALLBACKS, so the old records would be refused as tampered: "
                + "keep the old key, or list it in SECRET_KEY_FALLBACKS");
        problems.throwIfAny(heading);
        SessionInterface backend = provider.create(BackendContext.of(oldConfig, oldSettings, clock));
        return Optional.of(new LiveMigration(provider.name(), backend));
    }

    /** Whether records sealed under the old settings' key open under the new settings' keys. */
    private static boolean readable(CoreSettings old, CoreSettings current) {
        Optional<String> oldKey = old.secretKey();
        if (oldKey.isEmpty()) {
            return current.secretKey().isEmpty();
        }
        return oldKey.equals(current.secretKey()) || current.secretKeyFallbacks().contains(oldKey.get());
    }

    /** The old backend's name, such as {@code memcached}. */
    String name() {
        return name;
    }

    /** The old backend, with its calls observed under its own name. */
    LiveMigration observed(Observers observers) {
        return new LiveMigration(name, new ObservedSessionInterface(old, name, observers));
    }

    /** A plain read of the old backend: never a refresh, which would write there. */
    Optional<FetchedRecord> fetch(String key) {
        return old.load(key).map(FetchedRecord::of);
    }

    /** Deletes a key in the old backend too. */
    void delete(String key) {
        old.delete(key);
    }

    @Override
    public void close() {
        old.close();
    }
}
