package io.github.session4j.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.servers.FilesystemLayout;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.MutableClock;
import io.github.session4j.testkit.Writes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemSessionInterfaceTest {

    private static final Duration TTL = Duration.ofMinutes(30);
    private static final String KEY = "session:" + "A".repeat(43);

    @TempDir
    Path tmp;

    private Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private FilesystemSessionInterface store;

    @BeforeEach
    void open() {
        dir = tmp.resolve("sessions");
        store = Backends.open(dir, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createsLoadsReplacesAndDeletesConditionally() {
        assertThat(store.load(KEY)).isEmpty();
        assertThat(Writes.create(store, KEY, bytes("one"), TTL)).isTrue();
        assertThat(Writes.create(store, KEY, bytes("two"), TTL)).as("create over a live record").isFalse();

        StoredRecord first = store.load(KEY).orElseThrow();
        assertThat(first.data()).isEqualTo(bytes("one"));
        assertThat(first.expiresAt()).isEqualTo(clock.instant().plus(TTL));

        assertThat(Writes.replace(store, KEY, bytes("three"), first.version() + 1, TTL)).as("stale version").isFalse();
        assertThat(Writes.replace(store, KEY, bytes("three"), first.version(), TTL)).isTrue();
        StoredRecord second = store.load(KEY).orElseThrow();
        assertThat(second.data()).isEqualTo(bytes("three"));
        assertThat(second.version()).isNotEqualTo(first.version());
        assertThat(Writes.replace(store, KEY, bytes("four"), first.version(), TTL)).as("version already replaced").isFalse();

        store.delete(KEY);
        assertThat(store.load(KEY)).isEmpty();
        assertThat(Writes.replace(store, KEY, bytes("five"), second.version(), TTL)).as("replace after delete").isFalse();
        store.delete(KEY);
    }

    @Test
    void neverReturnsAnExpiredRecordAndLetsCreateReuseItsKey() {
        Writes.create(store, KEY, bytes("one"), Duration.ofSeconds(10));
        long version = store.load(KEY).orElseThrow().version();
        clock.advance(Duration.ofSeconds(10));

        assertThat(store.load(KEY)).isEmpty();
        assertThat(store.loadAndTouch(KEY, TTL)).isEmpty();
        assertThat(Writes.replace(store, KEY, bytes("two"), version, TTL)).isFalse();
        assertThat(Writes.create(store, KEY, bytes("three"), TTL)).isTrue();
        assertThat(store.load(KEY).orElseThrow().data()).isEqualTo(bytes("three"));
    }

    @Test
    void touchMovesTheExpiryAndKeepsBytesAndVersion() {
        Writes.create(store, KEY, bytes("one"), Duration.ofSeconds(10));
        StoredRecord before = store.load(KEY).orElseThrow();
        clock.advance(Duration.ofSeconds(5));

        store.touch(KEY, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(9));

        StoredRecord after = store.load(KEY).orElseThrow();
        assertThat(after.data()).isEqualTo(before.data());
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.expiresAt()).isEqualTo(before.expiresAt().plusSeconds(5));
    }

    @Test
    void loadAndTouchReturnsTheNewExpiry() {
        Writes.create(store, KEY, bytes("one"), Duration.ofSeconds(10));
        long version = store.load(KEY).orElseThrow().version();

        StoredRecord touched = store.loadAndTouch(KEY, TTL).orElseThrow();

        assertThat(touched.version()).isEqualTo(version);
        assertThat(touched.expiresAt()).isEqualTo(clock.instant().plus(TTL));
        assertThat(store.load(KEY).orElseThrow()).isEqualTo(touched);
        store.touch("session:missing", TTL);
        assertThat(store.load("session:missing")).isEmpty();
    }

    @Test
    void writesTheDocumentedLayoutWithPrivateModes() throws IOException {
        Writes.create(store, KEY, bytes("payload"), TTL);

        Path file = FilesystemLayout.pathOf(dir, KEY);
        FilesystemLayout.Parsed parsed = FilesystemLayout.parse(file);
        assertThat(parsed.key()).isEqualTo(KEY);
        assertThat(parsed.record()).isEqualTo(bytes("payload"));
        assertThat(parsed.expiresAtMillis()).isEqualTo(clock.millis() + TTL.toMillis());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        for (Path d : List.of(dir, file.getParent(), file.getParent().getParent())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as(d.toString()).isEqualTo("rwx------");
        }
        assertThat(FilesystemLayout.tempFiles(dir)).isEmpty();
        assertThat(file.toString()).doesNotContain("AAAA");
    }

    @Test
    void honoursAWiderFileMode() throws IOException {
        store.close();
        store = Backends.open(dir, clock, java.util.Map.of("SESSION_FILE_MODE", "0640"));
        Writes.create(store, KEY, bytes("payload"), TTL);

        Path file = FilesystemLayout.pathOf(dir, KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwxr-x---");
    }

    @Test
    void aDamagedFileReadsAsNoSessionAndIsDeleted() throws IOException {
        Writes.create(store, KEY, bytes("payload"), TTL);
        Path file = FilesystemLayout.pathOf(dir, KEY);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);

        assertThat(store.load(KEY)).isEmpty();

        assertThat(file).doesNotExist();
        assertThat(store.damagedFilesDeleted()).isEqualTo(1);
        assertThat(Writes.create(store, KEY, bytes("again"), TTL)).isTrue();
    }

    @Test
    void aTruncatedFileReadsAsNoSession() throws IOException {
        Writes.create(store, KEY, bytes("payload"), TTL);
        Path file = FilesystemLayout.pathOf(dir, KEY);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, 20));

        assertThat(store.loadAndTouch(KEY, TTL)).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void neverFollowsASymbolicLinkInPlaceOfASessionFile() throws IOException {
        Writes.create(store, KEY, bytes("payload"), TTL);
        Path file = FilesystemLayout.pathOf(dir, KEY);
        Path elsewhere = tmp.resolve("elsewhere");
        Files.move(file, elsewhere);
        Files.createSymbolicLink(file, elsewhere);

        assertThat(store.load(KEY)).isEmpty();

        assertThat(Files.exists(file, LinkOption.NOFOLLOW_LINKS)).as("the link is removed").isFalse();
        assertThat(FilesystemLayout.parse(elsewhere).record()).as("its target is untouched").isEqualTo(bytes("payload"));
    }

    @Test
    void refusesAShardDirectoryThatIsASymbolicLink() throws IOException {
        Path leaf = FilesystemLayout.pathOf(dir, KEY).getParent();
        Path top = leaf.getParent();
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.createDirectories(dir);
        Files.createSymbolicLink(top, elsewhere);

        assertThatThrownBy(() -> Writes.create(store, KEY, bytes("payload"), TTL))
                .isInstanceOf(SessionBackendException.class)
                .hasMessage("Refused " + top + ": it is a symbolic link, and session4j never follows links inside"
                        + " SESSION_FILE_DIR. Remove the link; the directory is recreated on the next write.");
        assertThatThrownBy(() -> store.load(KEY)).isInstanceOf(SessionBackendException.class);
        try (var entries = Files.list(elsewhere)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void keepsWorkingAfterTheShardDirectoriesAreDeleted() throws IOException {
        Writes.create(store, KEY, bytes("one"), TTL);
        Path top = FilesystemLayout.pathOf(dir, KEY).getParent().getParent();
        try (var walk = Files.walk(top)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        assertThat(store.load(KEY)).isEmpty();
        assertThat(Writes.create(store, KEY, bytes("two"), TTL)).isTrue();
        assertThat(store.load(KEY).orElseThrow().data()).isEqualTo(bytes("two"));
    }

    @Test
    void twoInstancesInOneJvmShareTheLocksAndLoseNoUpdate() throws Exception {
        FilesystemSessionInterface other = Backends.open(dir, clock);
        Writes.create(store, KEY, TestRecords.of(0), TTL);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                FilesystemSessionInterface target = t % 2 == 0 ? store : other;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        SessionFileWorker.incrementOnce(target, KEY);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
            other.close();
        }
        assertThat(TestRecords.counterOf(store.load(KEY).orElseThrow().data())).isEqualTo(100);
    }

    @Test
    void refusesEveryCallAfterClose() {
        store.close();
        store.close();
        assertThatThrownBy(() -> store.load(KEY))
                .isInstanceOf(SessionBackendException.class)
                .hasMessage("The filesystem session backend on " + dir + " is closed; create a new one.");
    }

    @Test
    void sessionCounterCountsLiveSessionsUnderThePrefix() {
        Writes.create(store, KEY, bytes("a"), TTL);
        Writes.create(store, "session:" + "B".repeat(43), bytes("b"), Duration.ofSeconds(1));
        Writes.create(store, "other:" + "C".repeat(43), bytes("c"), TTL);
        assertThat(store.countLive()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.countLive()).isEqualTo(1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
