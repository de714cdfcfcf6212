package io.github.session4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("SESSION_COOKIE_SECURE", "SESSION_COOKIE_SAMESITE",
            "SESSION_TYPE", "SESSION_ID_LENGTH");

    @Test
    void typosFindTheirKey() {
        assertThat(Suggestions.closest("SESSION_COOKIE_SECUR", KEYS)).contains("SESSION_COOKIE_SECURE");
        assertThat(Suggestions.closest("SESSION_COOKIE_SAME_SITE", KEYS)).contains("SESSION_COOKIE_SAMESITE");
        assertThat(Suggestions.closest("SESSION_TPYE", KEYS)).contains("SESSION_TYPE");
    }

    @Test
    void unrelatedNamesGetNoSuggestion() {
        assertThat(Suggestions.closest("SESSION_MANAGER", KEYS)).isEmpty();
        assertThat(Suggestions.closest("ab", List.of("cd"))).isEmpty();
    }

    @Test
    void distanceCountsSwapsAsOneEdit() {
        assertThat(Suggestions.distance("abcd", "abdc")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
