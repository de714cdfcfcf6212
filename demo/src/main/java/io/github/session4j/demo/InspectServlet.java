package io.github.session4j.demo;

import io.github.session4j.Session;
import io.github.session4j.SessionManager;
import io.github.session4j.servlet.SessionFilter;
import io.github.session4j.spi.StoredRecord;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /inspect}: the current session as the store holds it: the backend, the stored key (a hash
 * of the ID, never the ID), the record's size and remaining time to live, and the contents. Reads
 * the record once more through the backend, as an admin tool would.
 */
final class InspectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SessionManager manager;

    InspectServlet(SessionManager manager) {
        this.manager = manager;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (Pages.userOrRedirect(req, resp) == null) {
            return;
        }
        String key = manager.storeKey(SessionFilter.context(req).sessionId());
        Optional<StoredRecord> record = manager.backend().load(key);
        StringBuilder body = new StringBuilder(Html.nav(req)).append("<table>")
                .append(row("Backend", "backend", manager.backendName()))
                .append(row("Stored key", "store-key", key))
                .append(row("Record size", "record-size", record.map(r -> r.data().length + " bytes").orElse("not stored yet")))
                .append(row("Remaining TTL", "ttl", record.map(InspectServlet::ttl).orElse("not stored yet")))
                .append("</table><h2>Contents</h2><table id=\"contents\"><tr><th>key</th><th>value</th><th>type</th></tr>");
        Session session = SessionFilter.session(req);
        for (Map.Entry<String, Object> entry : session.entrySet()) {
            Object value = entry.getValue();
            body.append("<tr><td>").append(Html.escape(entry.getKey())).append("</td><td>").append(Html.escape(value))
                    .append("</td><td>").append(value == null ? "null" : Html.escape(value.getClass().getSimpleName()))
                    .append("</td></tr>");
        }
        body.append("</table>");
        Html.page(resp, HttpServletResponse.SC_OK, "Inspect the stored session", body.toString());
    }

    private static String row(String label, String id, String value) {
        return "<tr><th>" + label + "</th><td id=\"" + id + "\"><code>" + Html.escape(value) + "</code></td></tr>";
    }

    private static String ttl(StoredRecord record) {
        if (record.expiresAt() == null) {
            return "managed by the store (it reports no expiry on a read)";
        }
        Duration left = Duration.between(Instant.now(), record.expiresAt());
        return left.isNegative() ? "expired" : formatted(left);
    }

    private static String formatted(Duration left) {
        return left.toDaysPart() + "d " + left.toHoursPart() + "h " + left.toMinutesPart() + "m " + left.toSecondsPart() + "s";
    }
}
