package io.github.session4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules a browser applies to a cookie, checked at start-up so that a cookie the browser would
 * silently drop stops the application instead: RFC 6265 names, the {@code __Host-} and
 * {@code __Secure-} prefixes, {@code SameSite=None} and {@code Partitioned} without
 * {@code Secure}.
 */
public final class CookieRules {

    private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";

    private CookieRules() {
    }

    /**
     * Whether a string is an HTTP token (RFC 9110, the syntax of a cookie name in RFC 6265 and
     * of a header name): one or more letters, digits or {@code !#$%&'*+-.^_`|~}.
     *
     * @param s the string
     * @return true for a token
     */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && TOKEN_SPECIALS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a string contains a control character, a space or one of {@code extra}.
     *
     * @param s the string
     * @param extra other forbidden characters
     * @return true if any is present
     */
    public static boolean containsAny(String s, String extra) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f || extra.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the cookie settings together, recording one problem per broken rule.
     *
     * @param problems where problems go
     * @param name the cookie name
     * @param domain the Domain attribute, or null
     * @param path the Path attribute
     * @param secure the Secure attribute
     * @param sameSite the SameSite attribute, normalised ({@code Strict}, {@code Lax}, {@code None})
     * @param partitioned the Partitioned attribute
     */
    public static void check(Problems problems, String name, String domain, String path, boolean secure,
                             String sameSite, boolean partitioned) {
        problems.check(isToken(name), () -> "SESSION_COOKIE_NAME was '" + name + "' but a cookie name must be"
                + " an RFC 6265 token: letters, digits and " + TOKEN_SPECIALS + " only (no spaces, quotes,"
                + " commas, semicolons or '=')");
        problems.check(domain == null || !containsAny(domain, ";,/\"\\"), () -> "SESSION_COOKIE_DOMAIN was '"
                + domain + "' but it must be a host name such as example.com, without spaces, ';', ',' or '/'");
        problems.check(path.startsWith("/") && !containsAny(path, ";"), () -> "SESSION_COOKIE_PATH was '"
                + path + "' but it must start with '/' and contain no spaces, control characters or ';'");
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("__host-")) {
            List<String> found = new ArrayList<>();
            if (!secure) {
                found.add("SESSION_COOKIE_SECURE=false");
            }
            if (domain != null) {
                found.add("SESSION_COOKIE_DOMAIN=" + domain);
            }
            if (!path.equals("/")) {
                found.add("SESSION_COOKIE_PATH=" + path);
            }
            problems.check(found.isEmpty(), () -> "SESSION_COOKIE_NAME was '" + name + "' but browsers drop a"
                    + " __Host- cookie unless SESSION_COOKIE_SECURE=true, SESSION_COOKIE_DOMAIN is unset and"
                    + " SESSION_COOKIE_PATH=/ (found " + String.join(", ", found) + ")");
        } else if (lower.startsWith("__secure-")) {
            problems.check(secure, () -> "SESSION_COOKIE_NAME was '" + name + "' but browsers drop a __Secure-"
                    + " cookie unless SESSION_COOKIE_SECURE=true");
        }
        problems.check(secure || !sameSite.equals("None"), () -> "SESSION_COOKIE_SAMESITE was 'None' but"
                + " SESSION_COOKIE_SECURE is false, and browsers drop SameSite=None cookies without Secure:"
                + " set SESSION_COOKIE_SECURE=true (the site must use HTTPS) or use SameSite Lax");
        problems.check(secure || !partitioned, () -> "SESSION_COOKIE_PARTITIONED was 'true' but"
                + " SESSION_COOKIE_SECURE is false, and browsers drop Partitioned cookies without Secure:"
                + " set SESSION_COOKIE_SECURE=true");
    }
}
