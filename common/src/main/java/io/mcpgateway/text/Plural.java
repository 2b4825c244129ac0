package io.mcpgateway.text;

/** A count with its noun, in the singular for one: "1 problem", "2 problems". */
public final class Plural {

    private Plural() {
    }

    /** {@code count} and {@code noun} (its plural with an "s"), for example {@code of(1, "line")}: "1 line". */
    public static String of(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
