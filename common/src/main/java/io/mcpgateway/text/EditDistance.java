package io.mcpgateway.text;

import java.util.Collection;
import java.util.Optional;

/** Levenshtein distance, for suggesting what a caller probably meant (a district, a setting). */
public final class EditDistance {

    private EditDistance() {
    }

    public static int between(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * The "did you mean" of a name nobody knows: the candidate nearest to {@code wanted} (of equally near ones the
     * first in alphabetical order, so a set's order never changes the answer), when it is at most {@code tolerance}
     * edits away.
     */
    public static Optional<String> closest(String wanted, Collection<String> candidates, int tolerance) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = between(wanted, candidate);
            if (distance < bestDistance || distance == bestDistance && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
    }
}
