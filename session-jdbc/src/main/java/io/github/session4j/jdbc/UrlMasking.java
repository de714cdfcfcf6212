package io.github.session4j.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords in JDBC URLs and in texts that may quote them, so that no message or log line
 * shows a password.
 */
final class UrlMasking {

    /** What a masked password looks like. */
    static final String MASK = "****";

    /** {@code password=...} in a query string ({@code &}) or an H2 setting list ({@code ;}). */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:password|pwd)=)([^&;]*)");
    /** {@code //user:password@host} in URLs of MariaDB/MySQL style. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)([^/@]*)@");

    private UrlMasking() {
    }

    /**
     * The passwords that a driver message might quote: the configured one and any written into
     * the URL ({@code password=...} or {@code //user:password@}).
     *
     * @param url the JDBC URL
     * @param password the configured password, empty for none
     * @return the non-empty secrets
     */
    static List<String> secrets(String url, String password) {
        List<String> secrets = new ArrayList<>();
        if (!password.isEmpty()) {
            secrets.add(password);
        }
        for (Pattern pattern : List.of(PASSWORD_PARAMETER, USER_INFO)) {
            Matcher matcher = pattern.matcher(url);
            while (matcher.find()) {
                String secret = matcher.group(2);
                if (!secret.isEmpty()) {
                    secrets.add(secret);
                }
            }
        }
        return List.copyOf(secrets);
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
        return mask(text, password.isEmpty() ? List.of() : List.of(password));
    }

    /**
     * Masks the password parameters and user info of {@code text}, and every literal occurrence of
     * one of {@code secrets}.
     *
     * @param text a URL or a message quoting one
     * @param secrets passwords to mask wherever they occur
     * @return the masked text
     */
    static String mask(String text, List<String> secrets) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        masked = PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
        return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }
}
