package io.mcpgateway.text;

/**
 * White space as the original's Python sees it ({@code str.isspace}, {@code str.split()}): Java's own tests each
 * leave some out ({@link Character#isWhitespace} the no-break spaces, {@link String#strip} and {@code \s} the same or
 * more), so a name padded with a no-break or an ideographic space came back padded.
 */
public final class Spaces {

    private static final int NEXT_LINE = 0x85;

    /**
     * A regular expression, read alike by JSON Schema's (ECMA-262) and Java's engines, that finds a character that is
     * not a space in the sense of {@link #isSpace}: a schema's way of saying "not blank". Each class is spelled out
     * because {@code \s} differs between the engines and from {@link #isSpace}.
     */
    public static final String NOT_BLANK_PATTERN = "[^\\t\\n\\u000B\\f\\r\\u001C-\\u0020\\u0085\\u00A0\\u1680"
            + "\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";

    private Spaces() {
    }

    /** Any space, tab, line or paragraph separator, no-break spaces and the C1 next-line control included. */
    public static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == NEXT_LINE;
    }

    /** Whether the text is empty or spaces alone. */
    public static boolean isBlank(String text) {
        return text.codePoints().allMatch(Spaces::isSpace);
    }

    /** The text without leading and trailing spaces. */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** The text without leading and trailing spaces, each run of spaces inside it one ASCII space. */
    public static String collapse(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isSpace(c)) {
                pendingSpace = !sb.isEmpty();
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.appendCodePoint(c);
            }
        }
        return sb.toString();
    }
}
