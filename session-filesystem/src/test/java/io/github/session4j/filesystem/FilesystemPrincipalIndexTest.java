package io.github.session4j.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.testkit.MutableClock;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The principal index of the filesystem backend, checked on disk through {@link IndexFiles}: a
 * marker per indexed key, written only by a write that won, in ascending pages, never counted or
 * swept as a session, pruned by the sweeper once its record is dead, and safe between two backend
 * instances on one directory (the second process is in {@link MultiProcessTest}).
 */
class FilesystemPrincipalIndexTest {

    private static final Duration TTL = Duration.ofMinutes(30);
    private static final String ALICE = IndexFiles.principalKey("alice");
    private static final String BOB = IndexFiles.principalKey("bob");
    private static final String KEY = "session:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

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

    private boolean write(FilesystemSessionInterface backend, RecordWrite write) {
        return backend.write(write).isWritten();
    }

    private long version(String key) {
        return store.load(key).orElseThrow().version();
    }

    @Test
    void eachWriteAddsKeepsOrRemovesTheMarkerOfItsKey() {
        assertThat(store.capability(PrincipalIndex.class)).containsSame(store);
        assertThat(write(store, new RecordWrite.Create(KEY, DATA, TTL, IndexChange.add(ALICE)))).isTrue();
        assertThat(IndexFiles.marker(dir, ALICE, KEY)).isRegularFile().isEmptyFile();
        assertThat(store.indexedKeys(ALICE, null, 10)).containsExactly(KEY);

        assertThat(Writes.replace(store, KEY, DATA, version(KEY), TTL)).isTrue();
        assertThat(IndexFiles.marker(dir, ALICE, KEY)).as("a replace with none keeps it").exists();
        assertThat(write(store, new RecordWrite.Replace(KEY, DATA, version(KEY), TTL, IndexChange.remove(BOB)))).isTrue();
        assertThat(IndexFiles.marker(dir, ALICE, KEY)).as("a remove of another principal key").exists();

        assertThat(write(store, new RecordWrite.Replace(KEY, DATA, version(KEY), TTL, IndexChange.move(ALICE, BOB)))).isTrue();
        assertThat(IndexFiles.marker(dir, BOB, KEY)).exists();
        assertThat(IndexFiles.entry(dir, ALICE)).as("an entry left empty goes").doesNotExist();
        assertThat(store.indexedKeys(ALICE, null, 10)).isEmpty();

        assertThat(write(store, new RecordWrite.Replace(KEY, new byte[0], version(KEY), TTL, IndexChange.remove(BOB)))).isTrue();
        assertThat(IndexFiles.allMarkers(dir)).as("the tombstone is indexed under none").isEmpty();

        String other = "session:other";
        assertThat(write(store, new RecordWrite.Create(other, DATA, TTL))).isTrue();
        assertThat(IndexFiles.allMarkers(dir)).as("a create with none indexes nothing").isEmpty();
        assertThat(write(store, new RecordWrite.Replace(other, DATA, version(other), TTL, IndexChange.add(ALICE)))).isTrue();
        store.deleteIndexed(other, ALICE);
        assertThat(store.load(other)).isEmpty();
        assertThat(IndexFiles.allMarkers(dir)).isEmpty();
        store.deleteIndexed(other, ALICE);
    }

    @Test
    void lostRacesChangeNoEntry() {
        write(store, new RecordWrite.Create(KEY, DATA, TTL, IndexChange.add(ALICE)));
        long stale = version(KEY);
        Writes.replace(store, KEY, DATA, stale, TTL);

        assertThat(write(store, new RecordWrite.Create(KEY, DATA, TTL, IndexChange.add(BOB)))).isFalse();
        assertThat(write(store, new RecordWrite.Replace(KEY, DATA, stale, TTL, IndexChange.remove(ALICE)))).isFalse();
        assertThat(write(store, new RecordWrite.Replace(KEY, DATA, stale, TTL, IndexChange.move(ALICE, BOB)))).isFalse();
        assertThat(write(store, new RecordWrite.Replace("session:missing", DATA, stale, TTL, IndexChange.add(BOB)))).isFalse();

        assertThat(IndexFiles.allMarkers(dir)).containsExactly(IndexFiles.marker(dir, ALICE, KEY));
    }

    @Test
    void tenThousandKeysOfOneUserComeInAscendingBoundedPages() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(String.format("session:k%05d", (i * 7919) % 10_000));
        }
        // 200 through the backend; 9,800 markers by hand (an indexed create costs three fsyncs)
        keys.subList(0, 200).forEach(key -> write(store, new RecordWrite.Create(key, DATA, TTL, IndexChange.add(ALICE))));
        keys.subList(200, 10_000).forEach(key -> IndexFiles.plant(dir, ALICE, key));
        write(store, new RecordWrite.Create("session:bob", DATA, TTL, IndexChange.add(BOB)));
        Path stray = IndexFiles.entry(dir, ALICE).resolve(".not-a-marker");
        IndexFiles.plant(dir, BOB, "session:x");
        assertThat(stray.getParent()).isDirectory();
        try {
            Files.createFile(stray);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        List<String> listed = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 10; page++) {
            List<String> keysOfPage = store.indexedKeys(ALICE, after, PrincipalIndex.MAX_PAGE_SIZE);
            assertThat(keysOfPage).as("page %d", page).hasSize(1000).isSorted();
            listed.addAll(keysOfPage);
            after = keysOfPage.get(999);
        }
        assertThat(store.indexedKeys(ALICE, after, 1000)).isEmpty();
        assertThat(listed).isEqualTo(keys.stream().sorted().toList());
        assertThat(store.indexedKeys(ALICE, "session:k04999", 2)).containsExactly("session:k05000", "session:k05001");
        assertThatThrownBy(() -> store.indexedKeys(ALICE, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit was 0 but it must be 1 to 1000");
        assertThatThrownBy(() -> store.indexedKeys(ALICE, null, 1001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit was 1001 but it must be 1 to 1000");

        assertThat(store.countLive()).as("markers are no sessions").isEqualTo(201);
        store.unindex(ALICE, listed);
        assertThat(store.indexedKeys(ALICE, null, 1000)).isEmpty();
        assertThat(store.indexedKeys(BOB, null, 1000)).containsExactly("session:bob", "session:x");
        assertThat(store.load("session:k00000")).as("unindex leaves the records").isPresent();
    }

    @Test
    void markersAreNeverCountedNorSweptAsRecordsAndTheSweeperPrunesDeadOnes() {
        String live = "session:1-live";
        String expiring = "session:2-expiring";
        String deleted = "session:3-deleted";
        String tombstone = "session:4-tombstone";
        String crashed = "session:5-crashed";
        write(store, new RecordWrite.Create(live, DATA, TTL, IndexChange.add(ALICE)));
        write(store, new RecordWrite.Create(expiring, DATA, Duration.ofMinutes(1), IndexChange.add(ALICE)));
        write(store, new RecordWrite.Create(deleted, DATA, TTL, IndexChange.add(ALICE)));
        write(store, new RecordWrite.Create(tombstone, DATA, TTL, IndexChange.add(BOB)));
        store.delete(deleted);
        Writes.replace(store, tombstone, new byte[0], version(tombstone), TTL);
        // what a crash between a create's marker and its session file leaves
        IndexFiles.plant(dir, ALICE, crashed);

        assertThat(store.countLive()).as("the markers are no sessions").isEqualTo(3);
        assertThat(store.indexedKeys(ALICE, null, 10)).as("dead members, until a sweep")
                .containsExactly(live, expiring, deleted, crashed);
        assertThat(store.indexedKeys(BOB, null, 10)).containsExactly(tombstone);
        assertThat(store.sweepExpired(1000)).as("no record expired yet, and markers do not count").isZero();
        assertThat(store.indexedKeys(ALICE, null, 10)).containsExactly(live, expiring);
        assertThat(store.indexedKeys(BOB, null, 10)).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(store.countLive()).isEqualTo(2);
        assertThat(store.sweepExpired(1000)).as("one record, no marker counted").isEqualTo(1);
        assertThat(store.indexedKeys(ALICE, null, 10)).containsExactly(live);
        assertThat(IndexFiles.allMarkers(dir)).containsExactly(IndexFiles.marker(dir, ALICE, live));
        assertThat(IndexFiles.entry(dir, BOB)).as("an entry the sweeper emptied goes").doesNotExist();
        assertThat(store.load(tombstone)).as("the sweeper leaves live records alone").isPresent();
    }

    @Test
    void theDeadMembersThePlantedMarkersStandForAreListedUntilPruned() {
        IndexFiles.plant(dir, ALICE, KEY);
        assertThat(store.indexedKeys(ALICE, null, 10)).containsExactly(KEY);
        assertThat(store.sweepExpired(10)).isZero();
        assertThat(store.indexedKeys(ALICE, null, 10)).isEmpty();
    }

    @Test
    void twoInstancesOnOneDirectoryLoseNoEntry() throws Exception {
        int principals = 40;
        try (FilesystemSessionInterface second = Backends.open(dir, clock)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Void>> work = new ArrayList<>();
                for (FilesystemSessionInterface instance : List.of(store, second)) {
                    String tag = instance == store ? "first" : "second";
                    // adds keys that stay, one per principal
                    work.add(() -> {
                        for (int p = 0; p < principals; p++) {
                            assertThat(write(instance, new RecordWrite.Create("session:" + tag + "-" + p, DATA, TTL,
                                    IndexChange.add(IndexFiles.principalKey("u" + p))))).isTrue();
                        }
                        return null;
                    });
                    // empties and removes the same entries again and again (a sign-in, then its tombstone)
                    work.add(() -> {
                        for (int p = 0; p < principals; p++) {
                            String pk = IndexFiles.principalKey("u" + p);
                            for (int round = 0; round < 3; round++) {
                                String temp = "session:" + tag + "-temp-" + p + "-" + round;
                                write(instance, new RecordWrite.Create(temp, DATA, TTL, IndexChange.add(pk)));
                                write(instance, new RecordWrite.Replace(temp, new byte[0],
                                        instance.load(temp).orElseThrow().version(), TTL, IndexChange.remove(pk)));
                            }
                        }
                        return null;
                    });
                }
                for (Future<Void> done : pool.invokeAll(work)) {
                    done.get();
                }
            } finally {
                pool.shutdownNow();
            }
            for (int p = 0; p < principals; p++) {
                assertThat(second.indexedKeys(IndexFiles.principalKey("u" + p), null, 10)).as("principal %d", p)
                        .containsExactly("session:first-" + p, "session:second-" + p);
            }
        }
    }

    @Test
    void aKeyPrefixTooLongForAMarkerNameHasNoIndex() {
        String prefix = ".".repeat(75);
        try (FilesystemSessionInterface longKeys = Backends.open(tmp.resolve("long"), clock, Map.of("SESSION_KEY_PREFIX", prefix))) {
            assertThat(longKeys.capability(PrincipalIndex.class)).isEmpty();
            String key = prefix + "A".repeat(43);
            assertThatThrownBy(() -> longKeys.write(new RecordWrite.Create(key, DATA, TTL, IndexChange.add(ALICE))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a store key of 118 characters is too long for the principal index of the filesystem backend"
                            + " (a file name of at most 255 bytes); use a SESSION_KEY_PREFIX of at most 200 characters of"
                            + " A-Z a-z 0-9 - _ : (any other takes 3 to 12)");
            assertThat(longKeys.load(key)).isEmpty();
            assertThat(Writes.create(longKeys, key, DATA, TTL)).as("without an index change").isTrue();
        }
        assertThat(store.capability(PrincipalIndex.class)).isPresent();
        assertThat(IndexLayout.keyOf(IndexLayout.markerOf("tck:é/.%x").orElseThrow())).contains("tck:é/.%x");
        assertThat(IndexLayout.markerOf("tck:é/.%x")).contains("=tck:%C3%A9%2F%2E%25x");
        for (String notAMarker : List.of("=", "x", "=%2", "=%41", "=%c3%a9", "=a b", "=%C3", ".=a")) {
            assertThat(IndexLayout.keyOf(notAMarker)).as(notAMarker).isEmpty();
        }
    }
}
