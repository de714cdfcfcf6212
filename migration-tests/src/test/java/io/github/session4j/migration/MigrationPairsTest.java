package io.github.session4j.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live migration between pairs of real stores, each old store being one of filesystem, jdbc/H2,
 * redis and memcached: sessions made on the old store are found after the switch (read-only ones
 * moved byte for byte, changed ones with the change), and a session ended after the switch does
 * not come back from the old store.
 */
class MigrationPairsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"FILESYSTEM, JDBC_H2", "JDBC_H2, REDIS", "REDIS, FILESYSTEM", "MEMCACHED, FILESYSTEM"})
    void sessionsMoveAndEndedOnesStayEnded(Store old, Store current) throws Exception {
        String prefix = "metrics21-pair-" + UUID.randomUUID() + ":";
        Browser reader;
        Browser writer;
        Browser leaver;
        try (ShopApp before = ShopApp.start(old.manager(prefix, dir))) {
            reader = signedIn(before, "reader");
            writer = signedIn(before, "writer");
            leaver = signedIn(before, "leaver");
        }
        String leaverId = leaver.sessionId();
        try (ShopApp after = ShopApp.start(current.migratingFrom(old, prefix, dir));
             var oldStore = old.manager(prefix, dir)) {
            byte[] oldRecord = Store.stored(oldStore, reader.sessionId()).orElseThrow();
            for (Browser b : new Browser[] {reader, writer, leaver}) {
                b.pointAt(after.port());
            }
            assertThat(reader.get("/me")).isEqualTo("reader|reader-book");
            assertThat(Store.stored(after.manager(), reader.sessionId())).hasValueSatisfying(r -> assertThat(r).isEqualTo(oldRecord));
            assertThat(writer.post("/cart?item=pen")).isEqualTo("writer-book,pen");
            leaver.post("/logout");
            assertThat(Store.stored(oldStore, leaverId)).isEmpty();
            assertThat(Store.stored(after.manager(), leaverId)).isEmpty();

            Browser replay = new Browser(after.port());
            replay.useCookie(leaverId);
            assertThat(replay.get("/me")).isEqualTo("null|null");
        }
        try (ShopApp alone = ShopApp.start(current.manager(prefix, dir))) {
            reader.pointAt(alone.port());
            writer.pointAt(alone.port());
            assertThat(reader.get("/me")).isEqualTo("reader|reader-book");
            assertThat(writer.get("/me")).isEqualTo("writer|writer-book,pen");
        }
    }

    private static Browser signedIn(ShopApp app, String user) {
        Browser browser = new Browser(app.port());
        browser.post("/cart?item=" + user + "-book");
        browser.post("/login?user=" + user);
        return browser;
    }
}
