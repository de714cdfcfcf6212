package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.config.testproviders.AlphaProvider;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Expires date of the session cookie, which {@link Cookies} caches per second. */
class CookiesTest {

    private static final SessionInterfaceProvider ALPHA = new AlphaProvider();
    private static final Duration HOUR = Duration.ofHours(1);

    private final Cookies cookies = new Cookies(CoreSettings.validate(
            SessionConfig.builder().putAll(Map.of("SESSION_TYPE", "alpha")).build(), ALPHA, List.of(ALPHA)));

    @Test
    void theExpiresDateIsNowPlusMaxAgeInHttpDateFormat() {
        assertThat(cookies.sessionCookie("id", HOUR, Instant.parse("2026-01-01T00:00:00.900Z")))
                .contains("; Max-Age=3600; Expires=Thu, 01 Jan 2026 01:00:00 GMT;");
    }

    @Test
    void aMaxAgeUnderASecondIsRoundedUpNotDownToTheZeroThatDeletesTheCookie() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(cookies.sessionCookie("id", Duration.ofMillis(600), now)).contains("; Max-Age=1; Expires=Thu, 01 Jan 2026 00:00:01 GMT;");
        assertThat(cookies.sessionCookie("id", Duration.ofMillis(1_001), now)).contains("; Max-Age=2;");
        assertThat(cookies.sessionCookie("id", Duration.ofSeconds(5), now)).contains("; Max-Age=5;");
    }

    @Test
    void eachSecondGetsItsOwnDateWhateverOrderTheRequestsComeIn() {
        Instant base = Instant.parse("2026-03-01T12:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertThat(cookies.sessionCookie("id", HOUR, base)).contains("Expires=Sun, 01 Mar 2026 13:00:00 GMT;");
            assertThat(cookies.sessionCookie("id", HOUR, base.plusMillis(999))).contains("Expires=Sun, 01 Mar 2026 13:00:00 GMT;");
            assertThat(cookies.sessionCookie("id", HOUR, base.plusSeconds(1))).contains("Expires=Sun, 01 Mar 2026 13:00:01 GMT;");
            assertThat(cookies.sessionCookie("id", Duration.ofDays(31), base)).contains("Expires=Wed, 01 Apr 2026 12:00:00 GMT;");
        }
    }
}
