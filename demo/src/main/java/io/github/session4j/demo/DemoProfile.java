package io.github.session4j.demo;

import io.github.session4j.SessionConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's settings profiles, chosen with {@code DEMO_PROFILE}: {@code development} (the
 * default: {@code session.properties} as it is) or {@code production}, whose settings
 * ({@link #PRODUCTION}) sit at the level of environment variables, so an environment variable or
 * a system property of the same name still overrides each. {@code production} refuses to start
 * without {@code SECRET_KEY}.
 */
final class DemoProfile {

    /** The production profile's settings, as the README's table lists them. */
    static final Map<String, String> PRODUCTION = productionSettings();

    private DemoProfile() {
    }

    private static Map<String, String> productionSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("SESSION_COOKIE_NAME", "__Host-session");
        settings.put("SESSION_COOKIE_SECURE", "true");
        settings.put("SESSION_COOKIE_HTTPONLY", "true");
        settings.put("SESSION_COOKIE_SAMESITE", "Lax");
        settings.put("SESSION_PERMANENT", "false");
        settings.put("PERMANENT_SESSION_LIFETIME", "30m");
        settings.put("SESSION_ABSOLUTE_LIFETIME", "12h");
        settings.put("SESSION_CROSS_ORIGIN_PROTECTION", "true");
        settings.put("SESSION_NO_STORE", "true");
        return Map.copyOf(settings);
    }

    /**
     * The session configuration for a process environment.
     *
     * @param environment the process's environment variables
     * @return the configuration, from the standard sources with the profile's settings
     * @throws IllegalArgumentException when {@code DEMO_PROFILE} names no profile, or
     *     {@code production} is chosen without {@code SECRET_KEY}
     */
    static SessionConfig config(Map<String, String> environment) {
        String profile = environment.getOrDefault("DEMO_PROFILE", "development").trim().toLowerCase(Locale.ROOT);
        Map<String, String> effective = new LinkedHashMap<>();
        switch (profile) {
            case "development", "" -> { }
            case "production" -> effective.putAll(PRODUCTION);
            default -> throw new IllegalArgumentException("DEMO_PROFILE was '" + environment.get("DEMO_PROFILE")
                    + "' but it must be development or production");
        }
        effective.putAll(environment);
        SessionConfig config = SessionConfig.builder().standardSources().environment(effective).build();
        if (profile.equals("production") && config.getSecret("SECRET_KEY").isEmpty()) {
            throw new IllegalArgumentException("DEMO_PROFILE=production needs SECRET_KEY: set it to a random value of at least"
                    + " 32 bytes ('openssl rand -base64 48'); when rotating, the previous key goes into SECRET_KEY_FALLBACKS");
        }
        return config;
    }
}
