package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.memory.MemorySessionInterface;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The lifetimes, the one "time has run out" test and the refresh throttle, with no store. */
class ExpiryRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static ExpiryRules rules(boolean refreshesInLoad, String... pairs) {
        SessionConfig.Builder builder = SessionConfig.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            builder.put(pairs[i], pairs[i + 1]);
        }
        CoreSettings settings = CoreSettings.validate(builder.build(),
                new GivenBackend("memory", new MemorySessionInterface(Clock.fixed(NOW, ZoneOffset.UTC))),
                ProviderDiscovery.available(ExpiryRulesTest.class.getClassLoader()));
        return new ExpiryRules(settings, refreshesInLoad);
    }

    @Test
    void theRefreshIntervalIsATenthOfTheLifetimeAtMostAMinute() {
        assertThat(ExpiryRefresh.interval(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
        assertThat(ExpiryRefresh.interval(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(1));
        assertThat(ExpiryRefresh.interval(Duration.ofDays(31))).isEqualTo(Duration.ofMinutes(1));
        assertThat(ExpiryRefresh.interval(Duration.ofMillis(15)).toMillis()).isEqualTo(1); // as ttl.toMillis() / 10
    }

    @Test
    void theTimeLeftIsTheIdleLifetimeCappedByTheAbsoluteOneAndEmptyOnceRunOut() {
        ExpiryRules rules = rules(false, "PERMANENT_SESSION_LIFETIME", "2h", "SESSION_ABSOLUTE_LIFETIME", "3h");

        assertThat(rules.timeLeft(NOW, NOW)).hasValue(Duration.ofHours(2));
        assertThat(rules.timeLeft(NOW.minus(Duration.ofHours(2)), NOW)).hasValue(Duration.ofHours(1));
        assertThat(rules.timeLeft(NOW.minus(Duration.ofHours(3)), NOW)).isEmpty();
        assertThat(rules.timeLeft(NOW.minus(Duration.ofHours(4)), NOW)).isEmpty();
        assertThat(rules.ttlFor(NOW.minus(Duration.ofHours(4)), NOW)).isEqualTo(Duration.ofHours(-1));
    }

    @Test
    void aReadRefreshIsDueOnceTheIntervalHasPassedOrWhenTheStoreExpiryIsTooLate() {
        ExpiryRules rules = rules(false, "PERMANENT_SESSION_LIFETIME", "10m");
        Duration ttl = Duration.ofMinutes(10);

        assertThat(rules.refreshDue(NOW.plus(ttl), ttl, NOW)).isFalse();
        assertThat(rules.refreshDue(NOW.plus(ttl).minusSeconds(59), ttl, NOW)).isFalse();
        assertThat(rules.refreshDue(NOW.plus(ttl).minusSeconds(60), ttl, NOW)).isTrue();
        assertThat(rules.refreshDue(NOW.plus(ttl).plusSeconds(1), ttl, NOW)).isTrue();
        assertThat(rules.refreshDue(null, ttl, NOW)).isTrue();
    }

    @Test
    void aLoadThatRefreshesLeavesOnlyTheAbsoluteLifetimeToCorrect() {
        ExpiryRules rules = rules(true, "PERMANENT_SESSION_LIFETIME", "10m");

        assertThat(rules.refreshDue(null, Duration.ofMinutes(10), NOW)).isFalse();
        assertThat(rules.refreshDue(null, Duration.ofMinutes(9), NOW)).isTrue();
    }

    @Test
    void noRefreshIsEverDueWithoutRefreshEachRequest() {
        ExpiryRules rules = rules(false, "SESSION_REFRESH_EACH_REQUEST", "false");

        assertThat(rules.refreshDue(null, Duration.ofMinutes(10), NOW)).isFalse();
    }
}
