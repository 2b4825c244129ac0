package io.mcpgateway.text;

import java.util.Locale;

/** A count with its noun, in the singular for one: "1 problem", "2 problems". */
public final class Plural {

    private Plural() {
    }

    /** {@code count} and {@code noun} (its plural with an "s"), for example {@code of(1, "line")}: "1 line". */
    public static String of(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** As {@link #of}, the count's thousands separated by commas: "1,849 restaurants". */
    public static String grouped(long count, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", count, noun, count == 1 ? "" : "s");
    }
}
