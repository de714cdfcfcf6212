package io.github.session4j.config;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the known name closest to a misspelt one, for "did you mean" hints.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code name} by edit distance (insertions, deletions,
     * substitutions and swaps of neighbours), if it is close enough to be a likely typo: at most
     * 3 edits and fewer edits than half the name's length. Ties go to the alphabetically first.
     *
     * @param name the unknown name
     * @param candidates the known names
     * @return the suggestion, or empty when nothing is close
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(name, candidate);
            if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        int limit = Math.min(3, (name.length() - 1) / 2);
        return bestDistance > 0 && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /**
     * The optimal string alignment distance between two strings: the number of single-character
     * insertions, deletions, substitutions and swaps of adjacent characters that turn one into the
     * other.
     *
     * @param a a string
     * @param b another string
     * @return the distance, 0 when equal
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
