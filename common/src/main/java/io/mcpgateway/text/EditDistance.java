package io.mcpgateway.text;

import java.util.Collection;
import java.util.Optional;

/**
 * Edit distance for suggesting what a caller probably meant (a district, a setting): insertions, deletions,
 * substitutions and swaps of two neighbouring characters count one each (the optimal string alignment distance), so
 * {@code "Wan Chia"} is one slip from {@code "Wan Chai"}, as a typist would count it.
 */
public final class EditDistance {

    private EditDistance() {
    }

    public static int between(String a, String b) {
        int[] beforePrevious = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                int distance = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    distance = Math.min(distance, beforePrevious[j - 2] + 1); // two neighbours swapped
                }
                current[j] = distance;
            }
            int[] reused = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = reused;
        }
        return previous[b.length()];
    }

    /**
     * Whether {@code typed} looks like {@code known} with a slip of the keyboard: the same first letter, and one edit
     * in up to eight letters, two up to twelve, three beyond ({@link #slipsAllowed}). Both in one form ({@link
     * LooseNames#compact}). Looser rules take real names for typos: Hong Kong's "Kam Tin" for Lam Tin, "brunch" for
     * lunch.
     */
    public static boolean isSlip(String typed, String known) {
        return !typed.isEmpty() && !known.isEmpty() && typed.codePointAt(0) == known.codePointAt(0)
                && Math.abs(typed.length() - known.length()) <= slipsAllowed(typed)
                && between(typed, known) <= slipsAllowed(typed);
    }

    /** The edits a typed name of this length may hold and still be taken for a slip ({@link #isSlip}). */
    public static int slipsAllowed(String typed) {
        return typed.length() <= 8 ? 1 : typed.length() <= 12 ? 2 : 3;
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
