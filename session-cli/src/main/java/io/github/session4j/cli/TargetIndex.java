package io.github.session4j.cli;

import io.github.session4j.SessionManager;
import java.util.Optional;

/**
 * Whether the target of a migration keeps the principal index, and the principal key the core
 * computes for a user there ({@link SessionManager#principalKey}: the CLI never hashes a principal
 * itself, and the target's key, under the target's {@code SECRET_KEY}, is the one its index uses).
 */
final class TargetIndex {

    private final SessionManager target;
    private final boolean enabled;

    TargetIndex(SessionManager target) {
        this.target = target;
        this.enabled = target.indexesPrincipals();
    }

    /** Whether the target keeps the index (records are read for their principal only then). */
    boolean enabled() {
        return enabled;
    }

    /** The principal key of {@code principal} in the target, or empty when the target keeps no index. */
    Optional<String> principalKey(String principal) {
        if (!enabled) {
            return Optional.empty();
        }
        try {
            return Optional.of(target.principalKey(principal));
        } catch (IllegalArgumentException e) {
            // a principal the target would not let sign in: copied, not indexed
            return Optional.empty();
        }
    }
}
