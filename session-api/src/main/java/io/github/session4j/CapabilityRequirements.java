package io.github.session4j;

import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Problems;
import io.github.session4j.config.Setting;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The start-up check that refuses a setting on a backend without the capability it needs
 * (DESIGN.md §5: a feature never degrades silently). Which setting needs what is declared on the
 * setting itself ({@link Setting#requires()}), for the core's settings and the backend's alike.
 */
final class CapabilityRequirements {

    private static final System.Logger LOG = System.getLogger(SessionManager.class.getName());

    private CapabilityRequirements() {
    }

    /**
     * Refuses every setting in use whose capability {@code backend} lacks, in one message; logs a
     * provider whose declaration ({@link SessionInterfaceProvider#capabilities()}) disagrees with
     * what the backend answers.
     *
     * @param config the configuration, for the values as they were given
     * @param backend the backend created, asked through {@link SessionInterface#capability}
     * @param name the backend's name, such as {@code memcached}
     * @param provider the provider that created it, or null for a backend given in code
     * @param onClasspath the providers on the classpath, for the backends that have a capability
     * @throws SessionConfigException when a setting needs a capability the backend lacks
     */
    static void check(SessionConfig config, SessionInterface backend, String name,
                      SessionInterfaceProvider provider, List<SessionInterfaceProvider> onClasspath) {
        List<Setting<?>> settings = new ArrayList<>(CoreKeys.settings());
        if (provider != null) {
            settings.addAll(provider.settings());
        }
        Problems problems = new Problems();
        for (Setting<?> setting : settings) {
            Optional<Setting.Capability> needed = setting.requires();
            if (needed.isEmpty()) {
                continue;
            }
            Class<?> capability = needed.get().type();
            boolean has = backend.capability(capability).isPresent();
            if (provider != null && has != provider.capabilities().contains(capability)) {
                LOG.log(Level.WARNING, "The " + name + " backend (" + provider.getClass().getName() + ") "
                        + (has ? "has " : "lacks ") + capability.getSimpleName() + " but its provider's"
                        + " capabilities() " + (has ? "does not list it" : "lists it")
                        + "; start-up messages about " + setting.key() + " rely on that list");
            }
            if (!has && setting.needsCapability(config)) {
                problems.add(message(setting, needed.get(), value(config, setting.key()), name, provider, onClasspath));
            }
        }
        problems.throwIfAny();
    }

    private static String message(Setting<?> setting, Setting.Capability needed, String value, String name,
                                  SessionInterfaceProvider provider, List<SessionInterfaceProvider> onClasspath) {
        String capability = needed.type().getSimpleName();
        List<String> having = new ArrayList<>();
        for (SessionInterfaceProvider p : onClasspath) {
            if (p.capabilities().contains(needed.type()) && !p.name().equals(name) && !having.contains(p.name())) {
                having.add(p.name());
            }
        }
        String declared = provider != null && provider.capabilities().contains(needed.type())
                ? " (its provider lists " + capability + ", but this instance lacks it: see the backend's README)" : "";
        String choice = having.isEmpty()
                ? "No backend on the classpath has it: add one whose README lists " + capability + " and set SESSION_TYPE"
                + " to it,"
                : "Backends on the classpath that have it: " + String.join(", ", having) + "; set SESSION_TYPE to one of them,";
        return setting.key() + " was '" + value + "' but the " + name + " backend in use cannot " + needed.does()
                + ": it has no " + capability + declared + ". " + choice + " or unset " + setting.key() + ".";
    }

    private static String value(SessionConfig config, String key) {
        Optional<String> raw = config.getString(key);
        return raw.map(String::trim).orElse("");
    }
}
