package io.github.session4j.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.StoredRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session that a request only reads keeps, in the new store, what it had left in the old one
 * (with {@code SESSION_REFRESH_EACH_REQUEST=false}, where a read does not extend it), not the new
 * store's longer lifetime: filesystem (1 h) to jdbc/H2 (2 h), both of which report the expiry.
 */
class MigratedLifetimeTest {

    @TempDir
    Path dir;

    @Test
    void aReadOnlyMoveKeepsTheRemainingLifetime() throws Exception {
        String prefix = "metrics21-ttl-" + UUID.randomUUID() + ":";
        Map<String, String> old = new LinkedHashMap<>(Store.FILESYSTEM.settings(prefix, dir));
        old.put("PERMANENT_SESSION_LIFETIME", "1h");
        old.put("SESSION_REFRESH_EACH_REQUEST", "false");
        Map<String, String> current = new LinkedHashMap<>(Store.JDBC_H2.settings(prefix, dir));
        current.put("PERMANENT_SESSION_LIFETIME", "2h");
        current.put("SESSION_REFRESH_EACH_REQUEST", "false");
        current.put("SESSION_MIGRATE_FROM", Store.writeProperties(dir.resolve("old.properties"), old).toString());

        String id;
        Instant oldExpiry;
        try (SessionManager onFiles = SessionManager.create(SessionConfig.builder().putAll(old).build())) {
            SessionContext create = onFiles.begin(RequestHeaders.none());
            create.session().put("a", 1L);
            String cookie = create.commit().header("Set-Cookie").orElseThrow();
            id = cookie.substring(8, cookie.indexOf(';'));
            oldExpiry = onFiles.backend().load(onFiles.storeKey(id)).map(StoredRecord::expiresAt).orElseThrow();
        }
        try (SessionManager onH2 = SessionManager.create(SessionConfig.builder().putAll(current).build())) {
            SessionContext read = onH2.begin(RequestHeaders.cookie("session=" + id));
            assertThat(read.session().get("a")).isEqualTo(1L);
            read.commit();

            Instant newExpiry = onH2.backend().load(onH2.storeKey(id)).map(StoredRecord::expiresAt).orElseThrow();
            assertThat(Duration.between(oldExpiry, newExpiry).abs()).isLessThan(Duration.ofSeconds(5));
        }
    }
}
