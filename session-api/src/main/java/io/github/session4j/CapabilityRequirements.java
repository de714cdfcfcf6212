package io.github.session4j;

import io.github.session4j.config.CoreKeys;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The settings that need an optional capability of the backend, in one place, and the start-up
 * check that refuses such a setting on a backend without it (DESIGN.md §5: a feature never
 * degrades silently).
 */
final class CapabilityRequirements {

    private static final System.Logger LOG = System.getLogger(SessionManager.class.getName());

    /**
     * A setting that, when in use, needs a capability.
     *
     * @param key the setting
     * @param capability the capability interface it needs
     * @param does what the capability does, for the message ("append to a stored record")
     * @param inUse whether the validated settings use it
     */
    record Requirement(String key, Class<?> capability, String does, Predicate<CoreSettings> inUse) {
    }

    /** Every setting that needs a capability. */
    static final List<Requirement> ALL = List.of(
            new Requirement(CoreKeys.SESSION_DELTA_WRITES, RecordAppender.class, "append to a stored record",
                    CoreSettings::deltaWrites),
            new Requirement(CoreKeys.SESSION_CLEANUP_N_REQUESTS, ExpirySweeper.class, "sweep expired records",
                    settings -> settings.cleanupNRequests().isPresent()),
            new Requirement(CoreKeys.SESSION_RECORD_CACHE, RecordRevalidator.class,
                    "tell whether a record changed without reading it", settings -> settings.recordCache() > 0));

    private CapabilityRequirements() {
    }

    /**
     * Refuses every setting in use whose capability {@code backend} lacks, in one message; logs a
     * provider whose declaration ({@link SessionInterfaceProvider#capabilities()}) disagrees with
     * what the backend answers.
     *
     * @param config the configuration, for the values as they were given
     * @param settings the validated settings
     * @param backend the backend created, asked through {@link SessionInterface#capability}
     * @param name the backend's name, such as {@code memcached}
     * @param provider the provider that created it, or null for a backend given in code
     * @param onClasspath the providers on the classpath, for the backends that have a capability
     * @throws SessionConfigException when a setting needs a capability the backend lacks
     */
    static void check(SessionConfig config, CoreSettings settings, SessionInterface backend, String name,
                      SessionInterfaceProvider provider, List<SessionInterfaceProvider> onClasspath) {
        List<String> problems = new ArrayList<>();
        for (Requirement requirement : ALL) {
            boolean has = backend.capability(requirement.capability()).isPresent();
            if (provider != null && has != provider.capabilities().contains(requirement.capability())) {
                LOG.log(Level.WARNING, "The " + name + " backend (" + provider.getClass().getName() + ") "
                        + (has ? "has " : "lacks ") + requirement.capability().getSimpleName() + " but its provider's"
                        + " capabilities() " + (has ? "does not list it" : "lists it")
                        + "; start-up messages about " + requirement.key() + " rely on that list");
            }
            if (has || !requirement.inUse().test(settings)) {
                continue;
            }
            problems.add(message(requirement, value(config, requirement.key()), name, provider, onClasspath));
        }
        if (!problems.isEmpty()) {
            throw new SessionConfigException(String.join("\n", problems));
        }
    }

    private static String message(Requirement requirement, String value, String name, SessionInterfaceProvider provider,
                                  List<SessionInterfaceProvider> onClasspath) {
        String capability = requirement.capability().getSimpleName();
        List<String> having = new ArrayList<>();
        for (SessionInterfaceProvider p : onClasspath) {
            if (p.capabilities().contains(requirement.capability()) && !p.name().equals(name) && !having.contains(p.name())) {
                having.add(p.name());
            }
        }
        String declared = provider != null && provider.capabilities().contains(requirement.capability())
                ? " (its provider lists " + capability + ", but this instance lacks it: see the backend's README)" : "";
        String choice = having.isEmpty()
                ? "No backend on the classpath has it: add one whose README lists " + capability + " and set SESSION_TYPE"
                + " to it,"
                : "Backends on the classpath that have it: " + String.join(", ", having) + "; set SESSION_TYPE to one of them,";
        return requirement.key() + " was '" + value + "' but the " + name + " backend in use cannot " + requirement.does()
                + ": it has no " + capability + declared + ". " + choice + " or unset " + requirement.key() + ".";
    }

    private static String value(SessionConfig config, String key) {
        Optional<String> raw = config.getString(key);
        return raw.map(String::trim).orElse("");
    }
}
