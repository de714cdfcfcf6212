package io.github.session4j;

import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Suggestions;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the backends on the classpath with {@link ServiceLoader} and selects the one that
 * {@code SESSION_TYPE} names. There is never a silent fallback: an unset type, an unknown name or
 * two backends with one name stop start-up with a message that names the key, the value, what was
 * found and the artifact to add. A provider that fails to load is reported in every such message,
 * and logged as a warning when selection succeeds anyway.
 *
 * <p>The core knows no backend by name in code: the artifacts that the messages name for the
 * first-party backends, and the names people try for a store that one of them serves (a database's
 * name, served by {@code jdbc}, with the driver to add), come from data that the build generates
 * from the BOM. A suggestion for a typo is only ever a real backend name; no artifact is ever
 * guessed from a name.
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
        return select(config, loader, FirstPartyBackends.load());
    }

    /**
     * Selects as {@link #select(SessionConfig, ClassLoader)} does, with the first-party backends
     * that the messages name given.
     *
     * @param config the configuration
     * @param loader the class loader to search
     * @param firstParty the first-party backends, for the artifacts that the messages name
     * @return the one provider with that name
     */
    static SessionInterfaceProvider select(SessionConfig config, ClassLoader loader, FirstPartyBackends firstParty) {
        Found found = find(loader);
        String type = config.getString(CoreKeys.SESSION_TYPE.key()).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("");
        if (type.isEmpty()) {
            throw found.failure(found.providers.isEmpty() ? noBackend(firstParty) : unset(found, firstParty));
        }
        List<SessionInterfaceProvider> matches = new ArrayList<>();
        for (SessionInterfaceProvider p : found.providers) {
            if (p.name().equals(type)) {
                matches.add(p);
            }
        }
        if (matches.isEmpty()) {
            throw found.failure(unknown(type, found, firstParty));
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

    private static String noBackend(FirstPartyBackends firstParty) {
        String which = firstParty.artifacts().isEmpty() ? "" : "; the first-party backends are "
                + catalogue(firstParty.artifacts());
        return "SESSION_TYPE is not set and no session backend was found on the classpath. Add a backend's artifact"
                + " and set SESSION_TYPE to its name " + WHERE + which + ". If the application is a shaded (fat)"
                + " jar, merge the META-INF/services files.";
    }

    private static String unset(Found found, FirstPartyBackends firstParty) {
        TreeMap<String, String> missing = new TreeMap<>(firstParty.artifacts());
        missing.keySet().removeAll(found.names());
        return "SESSION_TYPE is not set. Set it to one of the backends found on the classpath: " + found.names()
                + " " + WHERE + "." + (missing.isEmpty() ? ""
                : " The other first-party backends need their artifact: " + catalogue(missing) + ".");
    }

    private static String unknown(String type, Found found, FirstPartyBackends firstParty) {
        String start = "SESSION_TYPE was '" + type + "' but no backend named '" + type + "' is on the classpath."
                + " Found: " + found.names() + ".";
        Optional<String> artifact = firstParty.artifact(type);
        if (artifact.isPresent()) {
            return start + " Add the artifact " + artifact.get() + ", which provides the '" + type + "' backend.";
        }
        Optional<FirstPartyBackends.Alias> alias = firstParty.alias(type);
        if (alias.isPresent()) {
            String backend = alias.get().backend();
            String where = found.names().contains(backend) ? ", which is on the classpath: set SESSION_TYPE=" + backend
                    : ": set SESSION_TYPE=" + backend + " and add the artifact " + firstParty.artifact(backend).orElseThrow();
            return start + " For '" + type + "', use the '" + backend + "' backend" + where + ". " + alias.get().hint();
        }
        TreeSet<String> known = found.names();
        known.addAll(firstParty.artifacts().keySet());
        String hint = Suggestions.closest(type, known).map(s -> " Did you mean '" + s + "'?").orElse("");
        String add = " the artifact of the backend named '" + type + "' if there is one, or set SESSION_TYPE to one"
                + " of the names found.";
        return start + hint + (firstParty.artifacts().isEmpty() ? " Add" + add
                : " No first-party backend is named '" + type + "' (they are "
                + and(List.copyOf(firstParty.artifacts().keySet())) + "): add" + add);
    }

    // "jdbc (io.github.session4j:session-jdbc) and redis (io.github.session4j:session-redis)"
    private static String catalogue(Map<String, String> artifacts) {
        List<String> entries = new ArrayList<>();
        artifacts.forEach((name, artifact) -> entries.add(name + " (" + artifact + ")"));
        return and(entries);
    }

    private static String and(List<String> items) {
        int last = items.size() - 1;
        return last < 1 ? String.join("", items) : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
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
