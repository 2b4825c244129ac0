package io.mcpgateway.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Where and why a JSON or YAML parser refused a text, in words fit for a log, a terminal or a {@code /health} answer:
 * the parser's own message goes on to name its internals ("[Source: REDACTED (`StreamReadFeature...") or to quote
 * the lines around the problem, which may hold a secret.
 */
public final class ParseProblems {

    private static final int MAX_WORDS = 120;

    private ParseProblems() {
    }

    /** For example {@code " at line 3, column 14"}; empty when the parser gave no place. */
    public static String location(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        return at == null || at.getLineNr() <= 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /**
     * The parser's first words, for example {@code "Unexpected end-of-input"}: its message up to the end of the first
     * line and the first {@code ": "} (what follows names expectations, the source or quotes lines); empty when none.
     */
    public static String firstWords(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "";
        }
        message = message.strip();
        int end = message.length();
        for (String stop : new String[] {"\n", ": "}) {
            int at = message.indexOf(stop);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return message.substring(0, Math.min(end, MAX_WORDS)).strip();
    }
}
