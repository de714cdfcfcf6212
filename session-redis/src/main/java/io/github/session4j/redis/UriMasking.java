package io.github.session4j.redis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the password in Redis URIs before they reach a message or a log:
 * {@code redis://user:secret@host} becomes {@code redis://user:****@host}, and
 * {@code redis://secret@host} (Redis' password-only form) becomes {@code redis://****@host}.
 */
final class UriMasking {

    private static final Pattern USER_INFO = Pattern.compile("(://)([^@/,?#]*)@");

    private UriMasking() {
    }

    /**
     * Masks every password in a URI or a comma-separated list of URIs.
     *
     * @param uris the raw text
     * @return the text with each password replaced by {@code ****}
     */
    static String mask(String uris) {
        Matcher m = USER_INFO.matcher(uris);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            String masked = colon < 0 ? "****" : userInfo.substring(0, colon + 1) + "****";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
