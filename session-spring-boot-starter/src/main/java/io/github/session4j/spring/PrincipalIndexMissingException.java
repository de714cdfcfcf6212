package io.github.session4j.spring;

import io.github.session4j.ProviderDiscovery;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up failure: a feature of the application needs session4j's principal index (Spring
 * Security's {@code maximumSessions}, the Actuator {@code sessions} endpoint) and the configured
 * backend does not keep it, or {@code SESSION_PRINCIPAL_INDEX=false} turned it off. The message
 * names the feature, the backend and the backends on the classpath that have the index; it never
 * degrades to counting in one instance's memory.
 */
public final class PrincipalIndexMissingException extends SessionConfigException {

    private static final long serialVersionUID = 1L;

    private PrincipalIndexMissingException(String message) {
        super(message);
    }

    /**
     * Fails unless the manager keeps the principal index.
     *
     * @param manager the session manager
     * @param feature what needs the index, such as "Spring Security's maximumSessions(...)"
     * @param loader the class loader whose backends are named as the ones that have it
     * @throws PrincipalIndexMissingException if the manager keeps no principal index
     */
    static void require(SessionManager manager, String feature, ClassLoader loader) {
        if (manager.indexesPrincipals()) {
            return;
        }
        String backend = manager.backendName();
        if (manager.backend().capability(PrincipalIndex.class).isPresent()) {
            throw new PrincipalIndexMissingException(feature + " needs session4j's principal index, and"
                    + " SESSION_PRINCIPAL_INDEX=false turns it off: unset SESSION_PRINCIPAL_INDEX (or set it to true),"
                    + " or remove " + feature + ".");
        }
        List<String> having = new ArrayList<>();
        for (SessionInterfaceProvider provider : ProviderDiscovery.available(loader)) {
            if (provider.capabilities().contains(PrincipalIndex.class) && !having.contains(provider.name())) {
                having.add(provider.name());
            }
        }
        String choice = having.isEmpty()
                ? "No backend on the classpath has it: add one whose README lists PrincipalIndex (redis, jdbc, mongodb,"
                + " filesystem) and set SESSION_TYPE to it,"
                : "Backends on the classpath that have it: " + String.join(", ", having) + "; set SESSION_TYPE to one of"
                + " them,";
        throw new PrincipalIndexMissingException(feature + " needs session4j's principal index, to find a user's"
                + " sessions in the store from every instance, but the " + backend + " backend in use has no"
                + " PrincipalIndex. " + choice + " or remove " + feature + ".");
    }
}
