package io.github.session4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.testkit.CountingSessionInterface;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A backend registered from this test module, found by {@code SESSION_TYPE} like any other, with a
 * capability ({@link SessionLister}) that session-api has never heard of: its users reach it
 * through {@code manager.backend().capability(...)}, also through the kit's counting wrapper; and
 * the settings that need a capability it lacks stop start-up, naming the backends that have it.
 */
class CapabilitiesFromATestModuleTest {

    private static SessionConfig config(Map<String, String> settings) {
        return SessionConfig.builder().put("SESSION_TYPE", "listing").putAll(settings).build();
    }

    private static void storeOneSession(SessionManager manager) {
        SessionContext context = manager.begin(RequestHeaders.none());
        context.session().put("user", "alice");
        context.commit();
    }

    @Test
    void aCapabilityTheCoreHasNeverHeardOfIsTheBackendsOwn() {
        try (SessionManager manager = SessionManager.create(config(Map.of()))) {
            storeOneSession(manager);

            assertThat(manager.backendName()).isEqualTo("listing");
            assertThat(manager.backend().capability(SessionLister.class)).as("the listing capability").isPresent()
                    .get().satisfies(lister -> assertThat(lister.keys()).as("keys listed").hasSize(1)
                            .allSatisfy(key -> assertThat(key).startsWith("session:")));
            assertThat(manager.backend().capability(SessionCounter.class).orElseThrow().countLive()).isEqualTo(1);
            assertThat(manager.backend().capability(RecordAppender.class)).as("a capability it lacks").isEmpty();
        }
    }

    @Test
    void aCapabilityTheCoreHasNeverHeardOfPassesThroughTheCountingWrapper() {
        SessionConfig config = config(Map.of());
        ListingProvider provider = new ListingProvider();
        CountingSessionInterface counted = new CountingSessionInterface(
                provider.create(BackendContext.validate(provider, config, Clock.systemUTC())));
        try (SessionManager manager = SessionManager.builder(config).backend("listing", counted).build()) {
            storeOneSession(manager);
            long calls = counted.count();

            assertThat(manager.backend().capability(SessionLister.class).orElseThrow().keys()).hasSize(1);
            assertThat(manager.backend().capability(SessionCounter.class).orElseThrow().countLive()).isEqualTo(1);
            assertThat(counted.count() - calls).as("calls counted: the counter's, not the unknown capability's")
                    .isEqualTo(1);
        }
    }

    @Test
    void deltaWritesOnABackendThatCannotAppendStopStartUp() {
        assertThatThrownBy(() -> SessionManager.create(config(Map.of("SESSION_DELTA_WRITES", "true"))))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_DELTA_WRITES was 'true' but the listing backend in use cannot append to a stored"
                        + " record: it has no RecordAppender. Backends on the classpath that have it: memory; set"
                        + " SESSION_TYPE to one of them, or unset SESSION_DELTA_WRITES.");
    }

    @Test
    void cleanupOnABackendThatCannotSweepStopsStartUp() {
        assertThatThrownBy(() -> SessionManager.create(config(Map.of("SESSION_CLEANUP_N_REQUESTS", "100"))))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_CLEANUP_N_REQUESTS was '100' but the listing backend in use cannot sweep expired"
                        + " records: it has no ExpirySweeper. Backends on the classpath that have it: memory; set"
                        + " SESSION_TYPE to one of them, or unset SESSION_CLEANUP_N_REQUESTS.");
    }

    @Test
    void aRecordCacheOnABackendThatCannotRevalidateStopsStartUp() {
        assertThatThrownBy(() -> SessionManager.create(config(Map.of("SESSION_RECORD_CACHE", "64MB"))))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_RECORD_CACHE was '64MB' but the listing backend in use cannot tell whether a"
                        + " record changed without reading it: it has no RecordRevalidator. Backends on the classpath"
                        + " that have it: memory; set SESSION_TYPE to one of them, or unset SESSION_RECORD_CACHE.");
    }

    @Test
    void everySettingThatNeedsAMissingCapabilityIsReportedInOneMessage() {
        assertThatThrownBy(() -> SessionManager.create(config(Map.of("SESSION_DELTA_WRITES", "true",
                "SESSION_CLEANUP_N_REQUESTS", "100", "SESSION_RECORD_CACHE", "64MB"))))
                .isInstanceOf(SessionConfigException.class)
                .satisfies(e -> assertThat(e.getMessage().lines())
                        .first().isEqualTo("Invalid session4j configuration (3 problems):"))
                .satisfies(e -> assertThat(e.getMessage().lines().skip(1))
                        .extracting(line -> line.substring("  - ".length(), line.indexOf(' ', "  - ".length())))
                        .containsExactly("SESSION_CLEANUP_N_REQUESTS", "SESSION_DELTA_WRITES", "SESSION_RECORD_CACHE"));
    }

    @Test
    void aProviderThatDeclaresACapabilityItsBackendLacksIsToldSo() {
        SessionConfig config = config(Map.of("SESSION_DELTA_WRITES", "true"));
        ListingProvider wrong = new ListingProvider(Set.of(SessionLister.class, RecordAppender.class));

        assertThatThrownBy(() -> SessionManager.create(wrong, config))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_DELTA_WRITES was 'true' but the listing backend in use cannot append to a stored"
                        + " record: it has no RecordAppender (its provider lists RecordAppender, but this instance lacks"
                        + " it: see the backend's README). Backends on the classpath that have it: memory; set"
                        + " SESSION_TYPE to one of them, or unset SESSION_DELTA_WRITES.");
    }
}
