package io.mcpgateway.text;

/** Caller input repeated in an answer or a log line, cut to a bound: a 7 KB path must not make a 14 KB 404. */
public final class Echoed {

    private Echoed() {
    }

    /** {@code text} itself when it has at most {@code max} characters, else its first {@code max} and "...". */
    public static String clip(CharSequence text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text.toString() : text.subSequence(0, max) + "...";
    }
}
