package io.github.session4j.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before a value reaches a message or a log.
 *
 * <p>A key is secret when it is {@code SECRET_KEY}, starts with {@code SECRET_KEY_} (such as
 * {@code SECRET_KEY_FALLBACKS}), or ends with {@code _PASSWORD}, {@code _SECRET} or
 * {@code _TOKEN}: its whole value is replaced by {@value #MASK}. In every other value, the
 * password of a URI ({@code redis://user:pass@host} becomes {@code redis://user:****@host}) and
 * a {@code password=} query parameter are masked.
 */
public final class Secrets {

    /** What a secret is shown as. It never hints at the secret's length. */
    public static final String MASK = "****";

    // scheme://user:password@ ; the user part may be empty (redis://:password@host)
    private static final Pattern URI_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^:/@\\s,]*:)[^@\\s,]*@");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;\\s,]*");

    private Secrets() {
    }

    /**
     * Whether a key holds a secret whose whole value must be masked.
     *
     * @param key a key, in either spelling
     * @return true for secret keys
     */
    public static boolean isSecret(String key) {
        String k = key.trim().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        return k.equals("SECRET_KEY") || k.startsWith("SECRET_KEY_")
                || k.endsWith("_PASSWORD") || k.endsWith("_SECRET") || k.endsWith("_TOKEN");
    }

    /**
     * The value of a key as it may be shown: {@value #MASK} for a secret key, otherwise the value
     * with any password inside a URI masked.
     *
     * @param key the key, in either spelling
     * @param value the raw value, may be null
     * @return the value safe to show
     */
    public static String mask(String key, String value) {
        if (value == null) {
            return null;
        }
        return isSecret(key) ? MASK : maskUriPasswords(value);
    }

    /**
     * Masks the password part of every URI in a value and every {@code password=} query parameter.
     *
     * @param value a value such as {@code redis://user:pass@host:6379}
     * @return the value with passwords replaced by {@value #MASK}
     */
    public static String maskUriPasswords(String value) {
        String masked = URI_PASSWORD.matcher(value).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        return QUERY_PASSWORD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
