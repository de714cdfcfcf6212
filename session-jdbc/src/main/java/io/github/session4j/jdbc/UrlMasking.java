package io.github.session4j.jdbc;

import java.util.regex.Pattern;

/**
 * Masks passwords in JDBC URLs and in texts that may quote them, so that no message or log line
 * shows a password.
 */
final class UrlMasking {

    /** What a masked password looks like. */
    static final String MASK = "****";

    /** {@code password=...} in a query string ({@code &}) or an H2 setting list ({@code ;}). */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");
    /** {@code //user:password@host} in URLs of MariaDB/MySQL style. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private UrlMasking() {
    }

    /**
     * Masks the password parameters and user info of {@code text}, and every literal occurrence of
     * {@code password}.
     *
     * @param text a URL or a message quoting one
     * @param password the configured password, empty for none
     * @return the masked text
     */
    static String mask(String text, String password) {
        String masked = text;
        if (!password.isEmpty()) {
            masked = masked.replace(password, MASK);
        }
        masked = PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
        return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }
}
