package io.github.session4j;

import io.github.session4j.config.Suggestions;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds the backends on the classpath with {@link ServiceLoader} and selects the one that
 * {@code SESSION_TYPE} names. There is never a silent fallback: an unset type, an unknown name or
 * two backends with one name stop start-up with a message that names the key, the value, what was
 * found and the artifact to add. A provider that fails to load is reported in every such message,
 * and logged as a warning when selection succeeds anyway.
 *
 * <p>The core knows no backend by name: the artifact hint for an unknown name is built as
 * {@code io.github.session4j:session-<name>}.
 */
public final class ProviderDiscovery {

    private static final System.Logger LOG = System.getLogger(ProviderDiscovery.class.getName());
    private static final String WHERE = "(in session.properties, the environment or a system property)";
    // a broken iterator could fail forever; no real classpath has this many broken providers
    private static final int MAX_FAILURES = 100;

    private ProviderDiscovery() {
    }

    /**
     * Selects the provider named by {@code SESSION_TYPE} (trimmed, lower-cased).
     *
     * @param config the configuration
     * @param loader the class loader to search
     * @return the one provider with that name
     * @throws SessionConfigException when the type is unset, no provider has that name, or several do
     */
    public static SessionInterfaceProvider select(SessionConfig config, ClassLoader loader) {
        Found found = find(loader);
        String type = config.getString("SESSION_TYPE").map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("");
        if (type.isEmpty()) {
            throw found.failure(found.providers.isEmpty()
                    ? "SESSION_TYPE is not set and no session backend was found on the classpath. Add one of the"
                    + " artifacts io.github.session4j:session-redis, io.github.session4j:session-memcached,"
                    + " io.github.session4j:session-mongo, io.github.session4j:session-jdbc or"
                    + " io.github.session4j:session-filesystem and set SESSION_TYPE to its backend's name " + WHERE
                    + ". If the application is a shaded (fat) jar, merge the META-INF/services files."
                    : "SESSION_TYPE is not set. Set it to one of the backends found on the classpath: "
                    + found.names() + " " + WHERE + ".");
        }
        List<SessionInterfaceProvider> matches = new ArrayList<>();
        for (SessionInterfaceProvider p : found.providers) {
            if (p.name().equals(type)) {
                matches.add(p);
            }
        }
        if (matches.isEmpty()) {
            String hint = Suggestions.closest(type, found.names()).map(s -> " Did you mean '" + s + "'?").orElse("");
            throw found.failure("SESSION_TYPE was '" + type + "' but no backend named '" + type
                    + "' is on the classpath. Found: " + found.names() + "." + hint + " Add the artifact"
                    + " io.github.session4j:session-" + type + " if such a backend exists, or set SESSION_TYPE"
                    + " to one of the names found.");
        }
        if (matches.size() > 1) {
            List<String> classes = new ArrayList<>();
            for (SessionInterfaceProvider p : matches) {
                classes.add(p.getClass().getName() + " (from " + location(p.getClass()) + ")");
            }
            throw found.failure("SESSION_TYPE was '" + type + "' but " + matches.size() + " backends on the"
                    + " classpath are named '" + type + "': " + String.join(", ", classes)
                    + ". Keep only one of them on the classpath.");
        }
        found.failures.forEach(f -> LOG.log(System.Logger.Level.WARNING, "A session backend failed to load and"
                + " was ignored, since SESSION_TYPE is '" + type + "': " + f));
        return matches.get(0);
    }

    /**
     * The providers on the classpath that load; those that fail are logged as warnings.
     *
     * @param loader the class loader to search
     * @return the providers, in ServiceLoader order
     */
    public static List<SessionInterfaceProvider> available(ClassLoader loader) {
        Found found = find(loader);
        found.failures.forEach(f -> LOG.log(System.Logger.Level.WARNING, "A session backend failed to load: " + f));
        return List.copyOf(found.providers);
    }

    // ServiceLoader's iterator is driven by hand: hasNext() and next() may each throw for one
    // provider, and the iteration goes on past it.
    private static Found find(ClassLoader loader) {
        Found found = new Found();
        Iterator<SessionInterfaceProvider> it = ServiceLoader.load(SessionInterfaceProvider.class, loader).iterator();
        while (found.failures.size() < MAX_FAILURES) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                found.failures.add(describe(e));
            }
        }
        return found;
    }

    private static String describe(Throwable e) {
        // a ServiceConfigurationError's message already names the provider class
        StringBuilder text = new StringBuilder(e instanceof ServiceConfigurationError ? e.getMessage() : e.toString());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? "an unknown location" : url.toString();
    }

    /** The providers that loaded and the failures, each as a message. */
    private static final class Found {

        final List<SessionInterfaceProvider> providers = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        void add(SessionInterfaceProvider provider) {
            try {
                if (provider.name() == null) {
                    failures.add("Provider " + provider.getClass().getName() + " returned null from name()");
                } else {
                    providers.add(provider);
                }
            } catch (RuntimeException | LinkageError e) {
                failures.add("Provider " + provider.getClass().getName() + " threw from name(): " + describe(e));
            }
        }

        TreeSet<String> names() {
            TreeSet<String> names = new TreeSet<>();
            providers.forEach(p -> names.add(p.name()));
            return names;
        }

        SessionConfigException failure(String message) {
            StringBuilder text = new StringBuilder(message);
            if (!failures.isEmpty()) {
                text.append("\n").append(failures.size() == 1 ? "A backend" : failures.size() + " backends")
                        .append(" failed to load, maybe the one you want:");
                failures.forEach(f -> text.append("\n  - ").append(f));
            }
            return new SessionConfigException(text.toString());
        }
    }
}
