package io.github.session4j.spi;

import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Setting;
import java.util.List;
import java.util.Set;

/**
 * A cheap factory for one backend, found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.github.session4j.spi.SessionInterfaceProvider}.
 *
 * <p>Implementations must have a public no-argument constructor that does no I/O; all work
 * happens in {@link #create}.
 */
public interface SessionInterfaceProvider {

    /**
     * The stable, lower-case name that {@code SESSION_TYPE} selects, such as {@code redis}.
     *
     * @return the backend name
     */
    String name();

    /**
     * The Maven coordinates of the artifact that ships this provider, used in error messages,
     * such as {@code io.github.session4j:session-redis}.
     *
     * @return {@code groupId:artifactId}
     */
    String artifact();

    /**
     * The settings this backend reads, described (key, default, parser, constraints, secret flag,
     * one line of doc). They drive {@link #configKeys()} and the settings table of the backend's
     * README. Core settings are not listed: a backend reads them from
     * {@link BackendContext#core()}.
     *
     * @return the backend's settings; none by default
     */
    default List<Setting<?>> settings() {
        return List.of();
    }

    /**
     * The configuration keys this backend reads, in upper snake case (such as
     * {@code SESSION_REDIS}), so that they are not reported as unknown: the keys of
     * {@link #settings()}.
     *
     * @return the backend's keys
     */
    default Set<String> configKeys() {
        return CoreKeys.keysOf(settings());
    }

    /**
     * The optional capabilities that the backends of this provider have, such as
     * {@link ExpirySweeper}, {@link SessionCounter}, {@link RecordAppender} or
     * {@link RecordRevalidator}: the interfaces their {@link SessionInterface#capability} answers.
     * Declared here, so that without connecting anywhere a start-up failure can name the backends on
     * the classpath that have a capability a setting needs (DESIGN.md §5); the backend created is
     * still asked itself, and a declaration that disagrees with it is logged.
     *
     * @return the capability interfaces; none by default
     */
    default Set<Class<?>> capabilities() {
        return Set.of();
    }

    /**
     * Validates the backend's settings, connects, and fails fast.
     *
     * @param context the frozen configuration, the validated core settings and the clock
     * @return a ready backend, owned by the caller, who closes it
     * @throws io.github.session4j.SessionConfigException when a setting is missing or invalid
     *     (all such problems in one message)
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached within
     *     the configured timeout
     */
    SessionInterface create(BackendContext context);
}
