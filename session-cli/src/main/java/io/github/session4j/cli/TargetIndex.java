package io.github.session4j.cli;

import io.github.session4j.SessionManager;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Whether the target of a migration keeps the principal index, and the principal key the core
 * computes for a user (the CLI never hashes a principal itself).
 */
final class TargetIndex {

    private final SessionManager target;
    private final boolean enabled;
    private final Method principalKey;
    private final String reason;

    TargetIndex(SessionManager target) {
        this.target = target;
        boolean indexes;
        try {
            indexes = target.indexesPrincipals();
        } catch (UnsupportedOperationException e) {
            indexes = false;
        }
        Method method = null;
        if (indexes) {
            try {
                method = SessionManager.class.getMethod("principalKey", String.class);
            } catch (NoSuchMethodException e) {
                method = null;
            }
        }
        this.enabled = indexes;
        this.principalKey = method;
        this.reason = !indexes ? null : method == null ? "this build's core does not expose the principal key" : null;
    }

    /** Whether the target keeps the index (records are read for their principal only then). */
    boolean enabled() {
        return enabled;
    }

    /** Why signed-in sessions are copied without an index entry, or null when they are not. */
    String reason() {
        return reason;
    }

    /** The principal key of {@code principal} in the target, or empty when the target keeps no index. */
    Optional<String> principalKey(String principal) {
        if (principalKey == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((String) principalKey.invoke(target, principal));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SessionManager.principalKey failed: " + e, e);
        }
    }
}
