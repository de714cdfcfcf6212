package io.github.session4j.demo;

import java.util.Locale;

/**
 * A short device label from a {@code User-Agent} header, such as "Chrome on Linux", which the
 * demo gives a session at sign-in ({@link io.github.session4j.SessionContext#setLabel}) so that
 * {@code /sessions} can tell the user's devices apart. A guess for people, never a security check.
 */
final class UserAgentLabel {

    /** The label of a request without a User-Agent, or with one this class does not recognise and cannot cut short. */
    static final String UNKNOWN = "Unknown device";

    private static final int MAX = 60;

    private UserAgentLabel() {
    }

    /**
     * The label.
     *
     * @param userAgent the header's value, or null
     * @return "browser on system" when both are recognised; else the header's first product token
     *     (such as "curl/8.5.0"), at most 60 characters; else {@link #UNKNOWN}
     */
    static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String browser = browser(userAgent);
        String system = system(userAgent);
        if (browser != null && system != null) {
            return browser + " on " + system;
        }
        if (browser != null) {
            return browser;
        }
        String product = userAgent.strip().split("[\\s(]", 2)[0].replaceAll("[^\\x21-\\x7e]", "");
        if (product.isEmpty()) {
            return UNKNOWN;
        }
        return product.length() > MAX ? product.substring(0, MAX) : product;
    }

    private static String browser(String ua) {
        // the order matters: Edge and Opera also say Chrome, Chrome also says Safari
        if (ua.contains("Edg/") || ua.contains("Edge/")) {
            return "Edge";
        }
        if (ua.contains("OPR/") || ua.contains("Opera")) {
            return "Opera";
        }
        if (ua.contains("Firefox/")) {
            return "Firefox";
        }
        if (ua.contains("Chrome/") || ua.contains("Chromium/") || ua.contains("CriOS/")) {
            return "Chrome";
        }
        if (ua.contains("Safari/") && ua.contains("Version/")) {
            return "Safari";
        }
        return null;
    }

    private static String system(String ua) {
        String lower = ua.toLowerCase(Locale.ROOT);
        if (lower.contains("android")) {
            return "Android";
        }
        if (lower.contains("iphone") || lower.contains("ipad")) {
            return "iOS";
        }
        if (lower.contains("windows")) {
            return "Windows";
        }
        if (lower.contains("cros")) {
            return "ChromeOS";
        }
        if (lower.contains("mac os x") || lower.contains("macintosh")) {
            return "macOS";
        }
        if (lower.contains("linux") || lower.contains("x11")) {
            return "Linux";
        }
        return null;
    }
}
