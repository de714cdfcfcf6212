package io.github.session4j.spi;

import io.github.session4j.CoreSettings;
import io.github.session4j.SessionConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * What a provider is given to create its backend: the configuration (for the backend's own
 * settings), the validated core settings (a backend reads core keys such as
 * {@code SESSION_KEY_PREFIX} from here, never from the configuration) and the clock that every
 * expiry decision uses. Immutable.
 */
public final class BackendContext {

    private final SessionConfig config;
    private final CoreSettings core;
    private final Clock clock;

    private BackendContext(SessionConfig config, CoreSettings core, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.core = Objects.requireNonNull(core, "core");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A context from its parts, as the {@link io.github.session4j.SessionManager} makes it.
     *
     * @param config the configuration
     * @param core the core settings validated from {@code config}
     * @param clock the clock
     * @return the context
     */
    public static BackendContext of(SessionConfig config, CoreSettings core, Clock clock) {
        return new BackendContext(config, core, clock);
    }

    /**
     * A context for creating a backend without a manager (tests, tools, a backend made in code):
     * validates the core settings of {@code config} for {@code provider}; keys declared by the other
     * providers that {@link ServiceLoader} finds beside it are allowed, as in a manager.
     *
     * @param provider the provider that will create the backend
     * @param config the configuration
     * @param clock the clock
     * @return the context
     * @throws io.github.session4j.SessionConfigException listing every invalid core setting
     */
    public static BackendContext validate(SessionInterfaceProvider provider, SessionConfig config, Clock clock) {
        List<SessionInterfaceProvider> all = new ArrayList<>(List.of(provider));
        Iterator<SessionInterfaceProvider> found =
                ServiceLoader.load(SessionInterfaceProvider.class, provider.getClass().getClassLoader()).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    break;
                }
                all.add(found.next());
            } catch (ServiceConfigurationError e) {
                // a provider that fails to load declares no keys; discovery reports it in a manager
            }
        }
        return of(config, CoreSettings.validate(config, provider, all), clock);
    }

    /**
     * The configuration, from which the backend reads its own settings.
     *
     * @return the configuration
     */
    public SessionConfig config() {
        return config;
    }

    /**
     * The validated core settings.
     *
     * @return the core settings
     */
    public CoreSettings core() {
        return core;
    }

    /**
     * The clock every expiry decision uses; tests inject a fixed or moving one.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }
}
