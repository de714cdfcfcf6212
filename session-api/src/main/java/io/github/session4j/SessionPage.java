package io.github.session4j;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a user's sessions, from {@link SessionManager#sessionsOf(String, String, int)}.
 *
 * @param sessions the sessions on this page, live ones only
 * @param next the cursor of the next page, or empty on the last page; opaque, valid only for the
 *     principal it was listed for
 */
public record SessionPage(List<SessionInfo> sessions, Optional<String> next) {

    /**
     * Copies the list and checks that nothing is null.
     *
     * @param sessions the sessions on this page
     * @param next the cursor of the next page, or empty
     */
    public SessionPage {
        sessions = List.copyOf(sessions);
        Objects.requireNonNull(next, "next");
    }
}
