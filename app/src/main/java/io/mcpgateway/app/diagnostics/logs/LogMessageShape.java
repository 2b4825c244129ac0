package io.mcpgateway.app.diagnostics.logs;

import java.util.regex.Pattern;

/**
 * A message with the parts that change from one occurrence to the next (request ids, hashes, numbers, durations)
 * replaced by placeholders, so that the same warning about other requests or other times counts as one.
 */
final class LogMessageShape {

    private static final Pattern UUID =
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    /** "request 3f2a...", "request_id 'r-7'": any id after the word (RequestIds' characters). */
    private static final Pattern REQUEST_ID =
            Pattern.compile("(?i)\\b(request(?:[ _]id)?[ :=]+)'?[A-Za-z0-9._:-]+'?");
    /** Hashes and key ids: long runs of letters and digits with a digit among them. */
    private static final Pattern LONG_ID = Pattern.compile("\\b(?=[A-Za-z_-]*\\d)[A-Za-z0-9_-]{16,}");
    /** A quoted word with a digit in it: an id, where quoted names (backends, tools) have none. */
    private static final Pattern QUOTED_ID = Pattern.compile("'(?=[^'\\s]*\\d)[A-Za-z0-9._:-]+'");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

    private LogMessageShape() {
    }

    static String of(String message) {
        String shape = UUID.matcher(message).replaceAll("<id>");
        shape = REQUEST_ID.matcher(shape).replaceAll("$1<id>");
        shape = LONG_ID.matcher(shape).replaceAll("<id>");
        shape = QUOTED_ID.matcher(shape).replaceAll("'<id>'");
        return NUMBER.matcher(shape).replaceAll("<n>");
    }
}
