package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RecordScanner}, for a backend that lists it: every live session record of
 * the configured prefix exactly once across small pages, with its bytes and expiry; nothing else
 * (keys of another shape under the prefix, the entries of the principal index where the backend
 * keeps one, other prefixes, expired records). A backend's test extends it and gives its settings; each test runs under a
 * prefix of its own, against the real server, and deletes what it wrote.
 */
public abstract class RecordScannerContract {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TTL = Duration.ofHours(1);

    private final List<String> written = new ArrayList<>();
    private SessionManager manager;
    private SessionInterface backend;
    private String prefix;

    /**
     * The backend's settings: {@code SESSION_TYPE} and where its server is.
     *
     * @return the settings
     */
    protected abstract Map<String, String> settings();

    @BeforeEach
    void open() {
        prefix = "scan" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ":";
        Map<String, String> settings = new HashMap<>(settings());
        settings.put("SESSION_KEY_PREFIX", prefix);
        manager = SessionManager.create(SessionConfig.builder().putAll(settings).build());
        backend = manager.backend();
    }

    @AfterEach
    void close() {
        if (manager != null) {
            written.forEach(backend::delete);
            manager.close();
        }
    }

    private String sessionKey(String under) {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        return under + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private void create(String key, byte[] record, Duration ttl) {
        assertThat(backend.write(new RecordWrite.Create(key, record, ttl)).isWritten()).as("create %s", key).isTrue();
        written.add(key);
    }

    private RecordScanner scanner() {
        return backend.capability(RecordScanner.class).orElseThrow(() -> new AssertionError(
                manager.backendName() + " answers no RecordScanner"));
    }

    private List<RecordScanner.Scanned> scanAll(int limit) {
        List<RecordScanner.Scanned> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RecordScanner.Page page = scanner().scan(cursor, limit);
            assertThat(page.records().size()).as("records on a page of limit %d", limit).isLessThanOrEqualTo(limit + 10);
            all.addAll(page.records());
            cursor = page.next();
            assertThat(++pages).as("pages of a walk over a few records").isLessThan(10_000);
        } while (cursor != null);
        return all;
    }

    @Test
    void everyLiveRecordIsListedOnceWithItsBytesAndExpiryAcrossSmallPages() {
        Map<String, byte[]> expected = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            String key = sessionKey(prefix);
            byte[] record = ("record " + i).getBytes(StandardCharsets.UTF_8);
            create(key, record, TTL);
            expected.put(key, record);
        }
        Instant before = Instant.now();

        List<RecordScanner.Scanned> found = scanAll(3);

        assertThat(found).extracting(RecordScanner.Scanned::key).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (RecordScanner.Scanned record : found) {
            assertThat(record.data()).as("bytes of %s", record.key()).isEqualTo(expected.get(record.key()));
            assertThat(record.expiresAt()).as("expiry of %s", record.key())
                    .isBetween(before.plus(TTL).minusSeconds(120), before.plus(TTL).plusSeconds(5));
        }
    }

    @Test
    void keysOfAnotherShapeAndOtherPrefixesAreNotListed() {
        String session = sessionKey(prefix);
        create(session, new byte[] {1}, TTL);
        create(sessionKey(prefix + "idx:"), new byte[] {2}, TTL);
        create(prefix + "short", new byte[] {3}, TTL);
        create(sessionKey("other" + prefix), new byte[] {4}, TTL);

        assertThat(scanAll(2)).extracting(RecordScanner.Scanned::key).containsExactly(session);
    }

    @Test
    void theEntriesOfThePrincipalIndexAreNotListed() {
        String session = sessionKey(prefix);
        Optional<PrincipalIndex> index = backend.capability(PrincipalIndex.class);
        String principalKey = manager.principalKey("ada");
        IndexChange change = index.isPresent() ? IndexChange.add(principalKey) : IndexChange.none();
        assertThat(backend.write(new RecordWrite.Create(session, new byte[] {1}, TTL, change)).isWritten()).isTrue();
        try {
            assertThat(scanAll(2)).extracting(RecordScanner.Scanned::key).containsExactly(session);
        } finally {
            if (index.isPresent()) {
                index.get().deleteIndexed(session, principalKey);
            } else {
                backend.delete(session);
            }
        }
    }

    @Test
    void expiredRecordsAreNotListed() throws InterruptedException {
        String live = sessionKey(prefix);
        create(live, new byte[] {1}, TTL);
        create(sessionKey(prefix), new byte[] {2}, Duration.ofSeconds(1));
        Thread.sleep(2100);

        assertThat(scanAll(10)).extracting(RecordScanner.Scanned::key).containsExactly(live);
    }

    @Test
    void aStoreWithoutSessionsOfThePrefixListsNone() {
        assertThat(scanAll(5)).isEmpty();
    }

    @Test
    void aPageSizeOutOfRangeIsRefused() {
        assertThatThrownBy(() -> scanner().scan(null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit was 0 but it must be between 1 and 1000");
        assertThatThrownBy(() -> scanner().scan(null, 1001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProviderListsTheCapability() {
        assertThat(ServiceLoader.load(SessionInterfaceProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(manager.backendName())).findFirst().orElseThrow().capabilities())
                .as("capabilities() of the %s provider", manager.backendName()).contains(RecordScanner.class);
        assertThat(backend.capability(RecordScanner.class)).isPresent();
    }
}
