package io.mcpgateway.text;

import java.util.regex.Pattern;

/** Caller input repeated in an answer or a log line, cut to a bound: a 7 KB path must not make a 14 KB 404. */
public final class Echoed {

    /**
     * Control characters, the Unicode line ends some log viewers break lines at, and the bidirectional controls that
     * make a terminal show text in another order than it was written (U+202A-U+202E, U+2066-U+2069).
     */
    private static final Pattern CONTROL = Pattern.compile(
            "[\\p{Cntrl}\\u0085\\p{Zl}\\p{Zp}\\u202A-\\u202E\\u2066-\\u2069]");

    private Echoed() {
    }

    /**
     * {@code text} itself when it has at most {@code max} characters, else its first {@code max} (one fewer when the
     * cut would split a surrogate pair: half a pair cannot be written as UTF-8) and "...".
     */
    public static String clip(CharSequence text, int max) {
        if (text == null) {
            return null;
        }
        if (text.length() <= max) {
            return text.toString();
        }
        int end = max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.subSequence(0, end) + "...";
    }

    /**
     * Another party's text (a backend's error message, say) for a log line: its control characters (line breaks
     * among them) as spaces, so that in a text log it cannot pass for lines of this process's own, then clipped.
     */
    public static String oneLine(CharSequence text, int max) {
        return text == null ? null : clip(CONTROL.matcher(text).replaceAll(" "), max);
    }
}
