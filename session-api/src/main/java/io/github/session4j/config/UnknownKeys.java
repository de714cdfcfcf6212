package io.github.session4j.config;

import io.github.session4j.SessionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds settings that nobody reads, which are usually typos.
 *
 * <p>A key in session4j's {@linkplain KeyNamespace namespace} is unknown when it is neither a core
 * key nor one of the selected backend's keys. It is then:
 * <ul>
 *   <li>allowed silently when another backend on the classpath declares it (one configuration
 *       may serve several deployments);</li>
 *   <li>only a warning when it came from the environment, which other software shares (Linux
 *       desktops set {@code SESSION_MANAGER}, for instance);</li>
 *   <li>an error otherwise, with a "did you mean" suggestion.</li>
 * </ul>
 * A key outside the namespace can only come from the properties file or from code (the other
 * sources are filtered): it is an error too, since {@code session.properties} belongs to session4j.
 */
public final class UnknownKeys {

    private UnknownKeys() {
    }

    /**
     * Checks every key of a configuration.
     *
     * @param config the configuration
     * @param backendName the selected backend's name, for messages
     * @param known the core keys and the selected backend's keys
     * @param declaredElsewhere keys declared by other backends on the classpath
     * @param problems where errors go
     * @return the warnings, one per key from the environment that nobody reads
     */
    public static List<String> check(SessionConfig config, String backendName, Set<String> known,
                                     Set<String> declaredElsewhere, Problems problems) {
        List<String> warnings = new ArrayList<>();
        for (String key : config.keys()) {
            if (known.contains(key) || declaredElsewhere.contains(key)) {
                continue;
            }
            ConfigSource source = config.source(key).orElse(null);
            String hint = Suggestions.closest(key, new TreeSet<>(known)).map(s -> "; did you mean " + s + "?")
                    .orElse("; remove it or correct its name (see CONFIG.md and the backend's README)");
            String what = " is not a setting of the session4j core or of the '" + backendName + "' backend";
            if (source == ConfigSource.ENVIRONMENT) {
                warnings.add("Ignoring the environment variable " + key + ": it" + what + hint);
            } else {
                String value = Secrets.mask(key, config.getString(key).orElse(""));
                problems.add(key + " (set to '" + value + "' in "
                        + (source == null ? "the configuration" : source.description()) + ")" + what + hint);
            }
        }
        return warnings;
    }
}
