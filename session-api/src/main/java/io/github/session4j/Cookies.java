package io.github.session4j;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the session cookie from {@code Cookie} headers and writes {@code Set-Cookie} values with
 * every configured attribute (RFC 6265, plus SameSite and Partitioned).
 */
final class Cookies {

    /** At most this many values of the session cookie are considered, so lookups stay bounded. */
    static final int MAX_CANDIDATES = 8;

    /** Longer Cookie headers are not parsed at all (browsers send at most a few KB). */
    static final int MAX_HEADER_LENGTH = 16 * 1024;

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final CoreSettings settings;

    /** The last Expires date formatted: requests within one second share it (formatting is slow). */
    private volatile HttpDate lastExpires = new HttpDate(Long.MIN_VALUE, "");

    Cookies(CoreSettings settings) {
        this.settings = settings;
    }

    /**
     * The values of the session cookie in the order the client sent them (the most specific path
     * first, as browsers order them), at most {@link #MAX_CANDIDATES}.
     */
    List<String> sessionCookieValues(List<String> cookieHeaders) {
        List<String> found = new ArrayList<>();
        String name = settings.cookieName();
        for (String header : cookieHeaders) {
            if (header == null || header.length() > MAX_HEADER_LENGTH) {
                continue;
            }
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    found.add(unquote(pair.substring(eq + 1).trim()));
                    if (found.size() == MAX_CANDIDATES) {
                        return found;
                    }
                }
            }
        }
        return found;
    }

    /**
     * A {@code Set-Cookie} value carrying {@code id}; with a Max-Age when {@code maxAge} is set, in
     * whole seconds rounded up, so that a live session never gets the {@code Max-Age=0} of a deletion.
     */
    String sessionCookie(String id, Duration maxAge, Instant now) {
        StringBuilder cookie = new StringBuilder(settings.cookieName()).append('=').append(id);
        if (maxAge != null) {
            // rounded up: a session with 0.6 s left must not get Max-Age=0, which deletes the cookie at once
            long seconds = Math.max(0, maxAge.getSeconds() + (maxAge.getNano() > 0 ? 1 : 0));
            cookie.append("; Max-Age=").append(seconds)
                    .append("; Expires=").append(httpDate(now.getEpochSecond() + seconds));
        }
        return appendAttributes(cookie);
    }

    /** A {@code Set-Cookie} value that makes the browser drop the session cookie. */
    String deletionCookie() {
        StringBuilder cookie = new StringBuilder(settings.cookieName())
                .append("=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        return appendAttributes(cookie);
    }

    private String appendAttributes(StringBuilder cookie) {
        settings.cookieDomain().ifPresent(domain -> cookie.append("; Domain=").append(domain));
        cookie.append("; Path=").append(settings.cookiePath());
        if (settings.cookieSecure()) {
            cookie.append("; Secure");
        }
        if (settings.cookieHttpOnly()) {
            cookie.append("; HttpOnly");
        }
        cookie.append("; SameSite=").append(settings.cookieSameSite());
        if (settings.cookiePartitioned()) {
            cookie.append("; Partitioned");
        }
        return cookie.toString();
    }

    private String httpDate(long epochSecond) {
        HttpDate last = lastExpires;
        if (last.epochSecond() != epochSecond) {
            last = new HttpDate(epochSecond, HTTP_DATE.format(Instant.ofEpochSecond(epochSecond)));
            lastExpires = last;
        }
        return last.text();
    }

    private record HttpDate(long epochSecond, String text) {
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
