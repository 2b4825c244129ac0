package io.mcpgateway.restaurant.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The restaurants a query matched, as ordinals in the index, held as a few slices rather than a copied list: a
 * district's restaurants are contiguous, and a meal filter is a sorted ordinal array. Building this costs time in the
 * number of slices; reading a page costs time in the page size.
 */
final class Matches {

    private final List<Slice> slices = new ArrayList<>();
    private int total;

    /** Ordinals {@code from..to-1} directly. */
    void addRange(int from, int to) {
        add(new Slice(null, from, to));
    }

    /** Ordinals {@code ordinals[from..to-1]}. */
    void addPart(int[] ordinals, int from, int to) {
        add(new Slice(ordinals, from, to));
    }

    private void add(Slice slice) {
        if (slice.size() > 0) {
            slices.add(slice);
            total += slice.size();
        }
    }

    int total() {
        return total;
    }

    /** The ordinals of one page, in match order. */
    int[] page(PageRequest page) {
        int start = Math.min(page.offset(), total);
        int[] result = new int[Math.min(page.limit(), total - start)];
        int skip = start;
        int filled = 0;
        for (Slice slice : slices) {
            if (filled == result.length) {
                break;
            }
            if (skip >= slice.size()) {
                skip -= slice.size();
                continue;
            }
            for (int i = slice.from() + skip; i < slice.to() && filled < result.length; i++) {
                result[filled++] = slice.ordinals() == null ? i : slice.ordinals()[i];
            }
            skip = 0;
        }
        return result;
    }

    private record Slice(int[] ordinals, int from, int to) {
        int size() {
            return to - from;
        }
    }
}
