package io.mcpgateway.text;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Names in an error message as the original system printed them, a Python list's repr ({@code ['Central', 'Mong
 * Kok']}): each name in quotes, so that {@code "Central, Admiralty"} reads as one name, an empty one shows, and a
 * caller parsing the original's messages reads ours.
 */
public final class QuotedList {

    private QuotedList() {
    }

    /** {@code names} as Python writes a list of strings (quotes chosen and escaped as its repr does). */
    public static String of(Collection<String> names) {
        return names.stream().map(QuotedList::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quoted(String name) {
        char quote = name.indexOf('\'') >= 0 && name.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder text = new StringBuilder(name.length() + 2).append(quote);
        name.chars().forEach(c -> {
            switch (c) {
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) { // the rest of the control characters, as \x1b: one line
                        text.append(String.format("\\x%02x", c));
                    } else {
                        text.append(c == '\\' || c == quote ? "\\" : "").append((char) c);
                    }
                }
            }
        });
        return text.append(quote).toString();
    }
}
