package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfigException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Item 5: cookie settings that a browser would silently defeat stop the app at start-up, with
 * the message pinned word for word.
 */
class StartupSettingsTest {

    private static final String HEADING_ONE = "Invalid session4j configuration (1 problem):\n  - ";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void sameSiteNoneWithoutSecureStopsStartUp(Store store) {
        assertThatThrownBy(() -> TestApp.start(store, Map.of("SESSION_COOKIE_SAMESITE", "None"), Clock.systemUTC()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage(HEADING_ONE + "SESSION_COOKIE_SAMESITE was 'None' but SESSION_COOKIE_SECURE is false,"
                        + " and browsers drop SameSite=None cookies without Secure: set SESSION_COOKIE_SECURE=true"
                        + " (the site must use HTTPS) or use SameSite Lax");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void aHostPrefixedCookieWithADomainOrAPathStopsStartUp(Store store) {
        assertThatThrownBy(() -> TestApp.start(store, Map.of("SESSION_COOKIE_NAME", "__Host-session",
                "SESSION_COOKIE_SECURE", "true", "SESSION_COOKIE_DOMAIN", "example.com"), Clock.systemUTC()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage(HEADING_ONE + "SESSION_COOKIE_NAME was '__Host-session' but browsers drop a __Host- cookie"
                        + " unless SESSION_COOKIE_SECURE=true, SESSION_COOKIE_DOMAIN is unset and SESSION_COOKIE_PATH=/"
                        + " (found SESSION_COOKIE_DOMAIN=example.com)");
        assertThatThrownBy(() -> TestApp.start(store, Map.of("SESSION_COOKIE_NAME", "__host-session",
                "SESSION_COOKIE_SECURE", "true", "SESSION_COOKIE_PATH", "/app"), Clock.systemUTC()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage(HEADING_ONE + "SESSION_COOKIE_NAME was '__host-session' but browsers drop a __Host- cookie"
                        + " unless SESSION_COOKIE_SECURE=true, SESSION_COOKIE_DOMAIN is unset and SESSION_COOKIE_PATH=/"
                        + " (found SESSION_COOKIE_PATH=/app)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void everyContradictionIsReportedAtOnce(Store store) {
        assertThatThrownBy(() -> TestApp.start(store, Map.of("SESSION_COOKIE_NAME", "__Host-session",
                "SESSION_COOKIE_DOMAIN", "example.com", "SESSION_COOKIE_PATH", "/app", "SESSION_COOKIE_SAMESITE", "none"),
                Clock.systemUTC()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (2 problems):\n"
                        + "  - SESSION_COOKIE_NAME was '__Host-session' but browsers drop a __Host- cookie unless"
                        + " SESSION_COOKIE_SECURE=true, SESSION_COOKIE_DOMAIN is unset and SESSION_COOKIE_PATH=/ (found"
                        + " SESSION_COOKIE_SECURE=false, SESSION_COOKIE_DOMAIN=example.com, SESSION_COOKIE_PATH=/app)\n"
                        + "  - SESSION_COOKIE_SAMESITE was 'None' but SESSION_COOKIE_SECURE is false, and browsers drop"
                        + " SameSite=None cookies without Secure: set SESSION_COOKIE_SECURE=true (the site must use HTTPS)"
                        + " or use SameSite Lax");
    }
}
