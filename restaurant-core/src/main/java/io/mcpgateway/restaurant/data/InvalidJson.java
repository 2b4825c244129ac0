package io.mcpgateway.restaurant.data;

import io.mcpgateway.json.ParseProblems;
import tools.jackson.core.JacksonException;

/**
 * Says where and why a data file is not valid JSON, for load problems that {@code /health} shows: the parser's own
 * message names its internals ("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled) ...").
 */
final class InvalidJson {

    private InvalidJson() {
    }

    /** For example {@code not valid JSON at line 3, column 14 (Unexpected end-of-input)}. */
    static String reason(JacksonException e) {
        String words = ParseProblems.firstWords(e);
        return "not valid JSON" + ParseProblems.location(e) + (words.isEmpty() ? "" : " (" + words + ")");
    }
}
