package io.github.session4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the settings tables of a Markdown document (a README, {@code CONFIG.md}) against the
 * {@link Setting} descriptors, so that a test fails when the documentation and the code disagree
 * on a key or a default.
 *
 * <p>A settings table is one whose header row starts with {@code | key | default |}. Its first
 * cell names one or more keys in backticks, separated by {@code /} or {@code ,}; a key written as
 * {@code _DOMAIN} continues the first key of the cell ({@code SESSION_COOKIE_NAME} /
 * {@code _DOMAIN} is {@code SESSION_COOKIE_DOMAIN}), and a key with a {@code <placeholder>} names
 * a family of keys and is not checked. The second cell holds the default, one per key separated
 * by {@code /} when the first cell lists several; it agrees with a descriptor when, without its
 * backticks, it is the descriptor's {@link Setting#defaultText()} or starts with it followed by a
 * space, a colon or a parenthesis (so {@code `5s` (or the string's ...)} documents {@code 5s}).
 */
public final class SettingsTable {

    private SettingsTable() {
    }

    /**
     * The rows of the document's settings tables: each documented key with the default cell.
     *
     * @param markdown the document's text
     * @return documented key to its default text, backticks removed, in document order
     */
    public static Map<String, String> rows(String markdown) {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : markdown.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.replace(" ", "").toLowerCase(Locale.ROOT).startsWith("|key|default|")) {
                inTable = true;
                continue;
            }
            if (!trimmed.startsWith("|")) {
                inTable = false;
                continue;
            }
            if (!inTable || trimmed.startsWith("|---") || trimmed.startsWith("| ---")) {
                continue;
            }
            String[] cells = trimmed.substring(1).split("(?<!\\\\)\\|");
            if (cells.length < 2) {
                continue;
            }
            List<String> keys = keys(cells[0]);
            List<String> defaults = split(cells[1]);
            for (int i = 0; i < keys.size(); i++) {
                String value = defaults.size() == keys.size() ? defaults.get(i) : cells[1].replace("`", "").trim();
                rows.put(keys.get(i), value);
            }
        }
        return rows;
    }

    /**
     * Compares a document's settings tables with descriptors.
     *
     * @param markdown the document's text
     * @param settings the descriptors the document must agree with
     * @param complete whether every descriptor must be in the tables (otherwise only the keys the
     *     tables list are checked)
     * @return one line per disagreement, empty when they agree
     */
    public static List<String> check(String markdown, List<Setting<?>> settings, boolean complete) {
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        settings.forEach(s -> byKey.put(s.key(), s));
        Map<String, String> rows = rows(markdown);
        List<String> problems = new ArrayList<>();
        rows.forEach((key, documented) -> {
            Setting<?> setting = byKey.get(key);
            if (setting == null) {
                problems.add(key + " is in the table but is no setting here; remove it or add its descriptor");
            } else if (!agrees(documented, setting.defaultText())) {
                problems.add(key + " has the default '" + documented + "' in the table but '" + setting.defaultText()
                        + "' in its descriptor");
            }
        });
        if (complete) {
            byKey.keySet().stream().filter(k -> !rows.containsKey(k))
                    .forEach(k -> problems.add(k + " is a setting but is missing from the tables"));
        }
        return problems;
    }

    private static boolean agrees(String documented, String expected) {
        String d = documented.replace("—", "").trim();
        String e = expected.replace("—", "").trim();
        if (d.equals(e)) {
            return true;
        }
        return d.startsWith(e) && " :(".indexOf(d.charAt(e.length())) >= 0;
    }

    private static List<String> keys(String cell) {
        List<String> keys = new ArrayList<>();
        String first = null;
        for (String token : cell.split("[/,]")) {
            String key = token.replace("`", "").trim();
            if (key.isEmpty()) {
                continue;
            }
            if (key.startsWith("_") && first != null) {
                key = first.substring(0, first.lastIndexOf('_')) + key;
            }
            if (first == null) {
                first = key;
            }
            if (!key.contains("<") && key.matches("[A-Z][A-Z0-9_]*")) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static List<String> split(String cell) {
        List<String> parts = new ArrayList<>();
        for (String part : cell.split(" / ")) {
            parts.add(part.replace("`", "").trim());
        }
        return parts;
    }
}
