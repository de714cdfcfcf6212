package io.github.session4j.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Memcached's expiration field: seconds up to 30 days, an absolute Unix time beyond. */
class MemcachedExpiryTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final MemcachedExpiry expiry = new MemcachedExpiry(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void upToThirtyDaysIsSentAsSeconds() {
        assertThat(expiry.expiration(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(expiry.expiration(Duration.ofMinutes(30))).isEqualTo(1800);
        assertThat(expiry.expiration(Duration.ofDays(30))).isEqualTo(2_592_000);
    }

    @Test
    void beyondThirtyDaysIsSentAsAnAbsoluteUnixTimeFromTheConfiguredClock() {
        assertThat(expiry.expiration(Duration.ofDays(30).plusSeconds(1)))
                .isEqualTo(NOW.getEpochSecond() + 2_592_001);
        assertThat(expiry.expiration(Duration.ofDays(40)))
                .isEqualTo(NOW.plus(Duration.ofDays(40)).getEpochSecond());
    }

    @Test
    void fractionsOfASecondAreRoundedUpSoARecordNeverExpiresEarly() {
        assertThat(expiry.expiration(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(expiry.expiration(Duration.ofMillis(300))).isEqualTo(1);
        assertThat(expiry.expiration(Duration.ofMillis(2001))).isEqualTo(3);
    }

    @Test
    void anExpiryPast2038IsCappedAtTheLargestUnixTimeMemcachedReads() {
        assertThat(expiry.expiration(Duration.ofDays(365 * 20))).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aTtlMustBePositive() {
        assertThatThrownBy(() -> expiry.expiration(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the TTL must be positive but was PT0S");
    }
}
