package io.github.session4j.spring;

import io.github.session4j.SessionConfig;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Parsers;
import io.github.session4j.config.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's {@code server.servlet.session.*} settings, which configure the container's own
 * sessions, read for session4j: those whose meaning is the same are mapped to session4j's keys
 * (which win when both are set), the others are reported, since session4j does not honour them.
 *
 * @param mapped session4j keys and the values taken from Boot's settings
 * @param infos one line per mapped setting
 * @param warnings one line per setting that session4j does not honour
 */
record ServerSessionSettings(Map<String, String> mapped, List<String> infos, List<String> warnings) {

    static final String PREFIX = "server.servlet.session.";

    /** Boot's cookie settings with the same meaning as one of session4j's, by Boot's name. */
    private static final Map<String, Setting<?>> SAME_MEANING = sameMeaning();

    private static Map<String, Setting<?>> sameMeaning() {
        Map<String, Setting<?>> map = new LinkedHashMap<>();
        map.put("cookie.name", CoreKeys.SESSION_COOKIE_NAME);
        map.put("cookie.domain", CoreKeys.SESSION_COOKIE_DOMAIN);
        map.put("cookie.path", CoreKeys.SESSION_COOKIE_PATH);
        map.put("cookie.http-only", CoreKeys.SESSION_COOKIE_HTTPONLY);
        map.put("cookie.secure", CoreKeys.SESSION_COOKIE_SECURE);
        map.put("cookie.partitioned", CoreKeys.SESSION_COOKIE_PARTITIONED);
        return map;
    }

    /**
     * Reads Boot's settings against session4j's configuration.
     *
     * @param environment the environment
     * @param config session4j's configuration, whose keys win
     * @return what is mapped and what is reported
     */
    static ServerSessionSettings read(Environment environment, SessionConfig config) {
        Binder binder = Binder.get(environment);
        Map<String, String> mapped = new LinkedHashMap<>();
        List<String> infos = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Mapper mapper = new Mapper(config, mapped, infos, warnings);

        string(binder, "timeout").ifPresent(raw -> {
            Duration timeout = DurationStyle.detectAndParse(raw.trim(), ChronoUnit.SECONDS);
            mapper.map("timeout", raw, CoreKeys.PERMANENT_SESSION_LIFETIME, timeout.toString(),
                    own -> sameDuration(own, timeout));
        });
        SAME_MEANING.forEach((name, setting) -> string(binder, name)
                .ifPresent(raw -> mapper.map(name, raw, setting, raw.trim(), own -> own.trim().equalsIgnoreCase(raw.trim()))));
        string(binder, "cookie.same-site").ifPresent(raw -> {
            String value = raw.trim().toLowerCase(Locale.ROOT);
            if (value.equals("omitted")) {
                warnings.add(PREFIX + "cookie.same-site=omitted is not honoured: session4j's cookie always has a"
                        + " SameSite attribute; set " + CoreKeys.SESSION_COOKIE_SAMESITE.key() + " to Strict, Lax or None");
            } else {
                mapper.map("cookie.same-site", raw, CoreKeys.SESSION_COOKIE_SAMESITE, value, own -> own.trim().equalsIgnoreCase(value));
            }
        });
        string(binder, "cookie.max-age").ifPresent(raw -> warnings.add(PREFIX + "cookie.max-age=" + raw
                + " is not honoured: session4j's cookie lasts as long as the session, "
                + CoreKeys.PERMANENT_SESSION_LIFETIME.key() + "; set " + CoreKeys.SESSION_PERMANENT.key()
                + "=false for a cookie that ends with the browser session"));
        string(binder, "persistent").filter(v -> v.trim().equalsIgnoreCase("true")).ifPresent(raw -> warnings.add(
                PREFIX + "persistent=true is not honoured: it persists the container's own sessions, which session4j"
                        + " replaces; session4j's sessions live in the store and survive a restart whenever the store does"));
        string(binder, "store-dir").ifPresent(raw -> warnings.add(PREFIX + "store-dir=" + raw + " is not honoured: it is"
                + " where the container keeps its own sessions; for sessions in files set "
                + CoreKeys.SESSION_TYPE.key() + "=filesystem (session-filesystem)"));
        binder.bind(PREFIX + "tracking-modes", Bindable.setOf(String.class)).ifBound(modes -> {
            Set<String> others = modes.stream().map(m -> m.trim().toLowerCase(Locale.ROOT))
                    .filter(m -> !m.equals("cookie")).collect(Collectors.toCollection(TreeSet::new));
            if (!others.isEmpty()) {
                warnings.add(PREFIX + "tracking-modes=" + String.join(",", modes) + " is not honoured: session4j"
                        + " tracks sessions by cookie only (and by " + CoreKeys.SESSION_ID_HEADER.key()
                        + " for API clients), never by URL or SSL session");
            }
        });
        return new ServerSessionSettings(Map.copyOf(mapped), List.copyOf(infos), List.copyOf(warnings));
    }

    private static Optional<String> string(Binder binder, String name) {
        return Optional.ofNullable(binder.bind(PREFIX + name, Bindable.of(String.class)).orElse(null))
                .filter(v -> !v.isBlank());
    }

    private static boolean sameDuration(String own, Duration timeout) {
        try {
            return Parsers.duration(own).equals(timeout);
        } catch (RuntimeException e) {
            return false; // session4j's validation reports the value
        }
    }

    /** Maps one Boot setting unless session4j's own key is set. */
    private record Mapper(SessionConfig config, Map<String, String> mapped, List<String> infos, List<String> warnings) {

        void map(String name, String raw, Setting<?> setting, String value, Predicate<String> sameAsOwn) {
            Optional<String> own = config.getString(setting.key());
            if (own.isEmpty()) {
                mapped.put(setting.key(), value);
                infos.add(PREFIX + name + "=" + raw + " is used as " + setting.key());
            } else if (!sameAsOwn.test(own.get())) {
                warnings.add(PREFIX + name + "=" + raw + " is ignored: " + setting.key() + " is set and wins");
            }
        }
    }
}
