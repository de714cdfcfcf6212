package io.github.session4j.demo;

import io.github.session4j.SessionContext;
import io.github.session4j.SessionInfo;
import io.github.session4j.SessionManager;
import io.github.session4j.SessionPage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in user's sessions, as {@code /sessions} and {@code /api/sessions} show them: at most
 * {@value #PAGE}, each with its handle (never its ID), times to the second, its label and whether
 * it is the session of this request ("this device").
 */
final class UserSessions {

    /** The most sessions shown. */
    static final int PAGE = 100;

    private final List<Map<String, Object>> sessions;
    private final boolean more;

    private UserSessions(List<Map<String, Object>> sessions, boolean more) {
        this.sessions = sessions;
        this.more = more;
    }

    /** The sessions of {@code user}; {@code current} is this request's session. */
    static UserSessions of(SessionManager manager, SessionContext current, String user) {
        Optional<String> own = current.handle();
        SessionPage page = manager.sessionsOf(user, null, PAGE);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SessionInfo info : page.sessions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("handle", info.handle());
            row.put("createdAt", text(info.createdAt()));
            row.put("signedInAt", info.signedInAt().map(UserSessions::text).orElse(null));
            row.put("lastSeen", text(info.lastSeen()));
            row.put("expiresAt", text(info.expiresAt()));
            row.put("label", info.label().orElse(null));
            row.put("current", own.isPresent() && own.get().equals(info.handle()));
            rows.add(row);
        }
        return new UserSessions(rows, page.next().isPresent());
    }

    /** The rows, in the index's order. */
    List<Map<String, Object>> sessions() {
        return sessions;
    }

    /** Whether the user has more sessions than were listed. */
    boolean more() {
        return more;
    }

    /** The JSON answer of {@code GET /api/sessions}. */
    Map<String, Object> json() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sessions", sessions);
        answer.put("more", more);
        return answer;
    }

    private static String text(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Why the backend cannot list sessions by user, for a 501 or the page. */
    static String unsupported(SessionManager manager) {
        return "the " + manager.backendName() + " backend keeps no principal index, so sessions cannot be listed or"
                + " ended by user; run the demo on memory, jdbc, redis, mongodb or filesystem";
    }
}
