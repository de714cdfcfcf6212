package io.github.session4j;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells cross-origin and cross-site requests from a browser apart from the site's own, with the
 * rules of Go 1.25's {@code net/http.CrossOriginProtection}: safe methods ({@code GET},
 * {@code HEAD}, {@code OPTIONS}) always pass; otherwise the browser's Fetch Metadata header
 * {@code Sec-Fetch-Site} decides first ({@code same-origin} and {@code none} pass, anything else is
 * cross-origin); where it is absent, an {@code Origin} header that does not name the request's
 * {@code Host} is cross-origin; a request with neither header is not a browser's cross-origin
 * request and passes. A request from a trusted origin, or matching a bypass pattern, always passes.
 *
 * <p>It answers two questions. {@link #refusal} is the opt-in guard
 * ({@code SESSION_CROSS_ORIGIN_PROTECTION=true}), which the adapters answer with a 403 before the
 * application runs. {@link #isCrossSite} is the narrower rule that always holds: an unsafe request
 * from another <em>site</em> ({@code Sec-Fetch-Site: cross-site}, or a foreign {@code Origin} where
 * {@code Sec-Fetch-Site} is absent, since the site of an origin cannot be told without the public
 * suffix list) never creates a session nor gets a {@code Set-Cookie}, so that a form posted from
 * another site cannot replace the user's session cookie (a {@code SameSite=Lax} cookie is not sent
 * with it, so the request looks like one without a session). Trusted origins and bypass patterns
 * exempt a request from both, which is what an identity provider that posts back to the site
 * (SAML's POST binding) needs.
 *
 * <p>{@code Origin} against {@code Host} cannot see the scheme: an {@code http://} page posting to
 * the {@code https://} site of the same host passes, as in Go; HSTS closes that gap, and every
 * current browser sends {@code Sec-Fetch-Site}. Instances are immutable and thread-safe.
 */
public final class CrossOriginProtection {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    private final Set<String> trustedOrigins;
    private final List<Bypass> bypasses;

    private CrossOriginProtection(Set<String> trustedOrigins, List<Bypass> bypasses) {
        this.trustedOrigins = trustedOrigins;
        this.bypasses = bypasses;
    }

    /**
     * Rules with trusted origins and bypass patterns.
     *
     * @param trustedOrigins origins such as {@code https://sso.example.com} (scheme, host and
     *     optional port, no path), matched case-insensitively against the {@code Origin} header
     * @param bypassPatterns patterns {@code [METHOD ]/path}: a path ending in {@code /} matches
     *     every path below it, any other path only itself; without a method, any method matches
     * @return the rules
     * @throws IllegalArgumentException if an origin or a pattern is malformed
     */
    public static CrossOriginProtection of(Collection<String> trustedOrigins, Collection<String> bypassPatterns) {
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : trustedOrigins) {
            if (!isOrigin(origin)) {
                throw new IllegalArgumentException("'" + origin + "' is not an origin such as https://app.example.com");
            }
            origins.add(origin.trim().toLowerCase(Locale.ROOT));
        }
        List<Bypass> bypasses = new ArrayList<>();
        for (String pattern : bypassPatterns) {
            bypasses.add(Bypass.parse(pattern));
        }
        return new CrossOriginProtection(Set.copyOf(origins), List.copyOf(bypasses));
    }

    /**
     * Rules without trusted origins or bypass patterns.
     *
     * @return the rules
     */
    public static CrossOriginProtection none() {
        return new CrossOriginProtection(Set.of(), List.of());
    }

    /**
     * Whether a value is an origin as {@code SESSION_TRUSTED_ORIGINS} takes it: {@code scheme://host}
     * with an optional port, and no user, path, query or fragment.
     *
     * @param value the value
     * @return whether it is one
     */
    public static boolean isOrigin(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(value.trim());
            return uri.getScheme() != null && uri.getHost() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Whether a value is a bypass pattern as {@code SESSION_CROSS_ORIGIN_BYPASS} takes it.
     *
     * @param value the value, such as {@code POST /hooks/} or {@code /webhook}
     * @return whether it is one
     */
    public static boolean isPattern(String value) {
        try {
            Bypass.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether a method is safe: {@code GET}, {@code HEAD} or {@code OPTIONS}.
     *
     * @param method the request method
     * @return whether requests with it always pass
     */
    public static boolean isSafeMethod(String method) {
        return method != null && SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
    }

    /**
     * Why the cross-origin guard refuses a request, if it does: an unsafe request whose
     * {@code Sec-Fetch-Site} is neither {@code same-origin} nor {@code none}, or, without that
     * header, whose {@code Origin} does not name its {@code Host}; unless it comes from a trusted
     * origin or matches a bypass pattern.
     *
     * @param method the request method
     * @param path the request path within the application, for bypass patterns
     * @param headers the request headers ({@code Sec-Fetch-Site}, {@code Origin}, {@code Host})
     * @return the reason, for the 403's body and the log; empty when the request passes
     */
    public Optional<String> refusal(String method, String path, RequestHeaders headers) {
        if (isSafeMethod(method)) {
            return Optional.empty();
        }
        String fetchSite = first(headers, "Sec-Fetch-Site");
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            if (site.equals("same-origin") || site.equals("none") || isExempt(method, path, headers)) {
                return Optional.empty();
            }
            return Optional.of("the browser says this " + method + " request comes from another origin (Sec-Fetch-Site: "
                    + fetchSite.trim() + ")");
        }
        String origin = first(headers, "Origin");
        if (origin == null || isOwnOrigin(origin, headers) || isExempt(method, path, headers)) {
            return Optional.empty();
        }
        return Optional.of("this " + method + " request's Origin (" + origin.trim() + ") is not this site ("
                + Optional.ofNullable(first(headers, "Host")).map(String::trim).orElse("no Host header")
                + "), and the browser sent no Sec-Fetch-Site");
    }

    /**
     * Whether an unsafe request comes from another site, so that it must not create a session nor
     * get a {@code Set-Cookie}: {@code Sec-Fetch-Site: cross-site}, or without that header an
     * {@code Origin} that does not name its {@code Host}; unless it comes from a trusted origin or
     * matches a bypass pattern. A {@code same-site} request (another port or subdomain of the
     * site) is not cross-site: the browser sends it the site's {@code SameSite} cookies.
     *
     * @param method the request method
     * @param path the request path within the application, for bypass patterns
     * @param headers the request headers
     * @return whether the request is an unsafe cross-site one
     */
    public boolean isCrossSite(String method, String path, RequestHeaders headers) {
        if (method == null || isSafeMethod(method)) {
            return false;
        }
        String fetchSite = first(headers, "Sec-Fetch-Site");
        boolean crossSite;
        if (fetchSite != null) {
            crossSite = fetchSite.trim().equalsIgnoreCase("cross-site");
        } else {
            String origin = first(headers, "Origin");
            crossSite = origin != null && !isOwnOrigin(origin, headers);
        }
        return crossSite && !isExempt(method, path, headers);
    }

    private boolean isExempt(String method, String path, RequestHeaders headers) {
        String origin = first(headers, "Origin");
        if (origin != null && trustedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (Bypass bypass : bypasses) {
            if (bypass.matches(method, path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an {@code Origin} names the request's own host and port (an opaque {@code null} never does). */
    private static boolean isOwnOrigin(String origin, RequestHeaders headers) {
        String host = first(headers, "Host");
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin.trim());
            String authority = uri.getRawAuthority();
            return uri.getScheme() != null && authority != null && authority.equalsIgnoreCase(host.trim());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String first(RequestHeaders headers, String name) {
        List<String> values = headers.values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * A bypass pattern: an optional method, and a path that is exact or, ending in {@code /}, a prefix.
     */
    private record Bypass(String method, String path) {

        static Bypass parse(String pattern) {
            if (pattern == null) {
                throw new IllegalArgumentException("a pattern is missing");
            }
            String trimmed = pattern.trim();
            int space = trimmed.indexOf(' ');
            String method = space < 0 ? null : trimmed.substring(0, space);
            String path = space < 0 ? trimmed : trimmed.substring(space + 1).trim();
            if (method != null && !METHOD.matcher(method).matches()) {
                throw new IllegalArgumentException("'" + pattern + "' does not start with a method in capitals such as POST");
            }
            if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#')) {
                throw new IllegalArgumentException("'" + pattern + "' has no path starting with /");
            }
            return new Bypass(method, path);
        }

        boolean matches(String requestMethod, String requestPath) {
            if (requestPath == null || (method != null && !method.equalsIgnoreCase(requestMethod))) {
                return false;
            }
            // a path that is not normalized could match a prefix and be routed elsewhere: never bypass it
            if (requestPath.contains("/../") || requestPath.endsWith("/..") || requestPath.contains("/./")
                    || requestPath.contains("//")) {
                return false;
            }
            return path.endsWith("/") ? requestPath.startsWith(path) : requestPath.equals(path);
        }
    }
}
