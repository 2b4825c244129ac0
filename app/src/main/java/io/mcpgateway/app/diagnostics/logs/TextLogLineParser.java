package io.mcpgateway.app.diagnostics.logs;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a gateway text log line, the default format ({@code app/src/main/resources/logback.xml}):
 * {@code 22:48:42.123 INFO  [thread] i.m.g.a.BearerAuthenticator - message [request id]}. Such a line has the time
 * of day but no date, and of the request's fields only its id; an access line's message gives its path, status,
 * error code and duration ({@code POST /mcp 200 CIRCUIT_OPEN 2.5ms}), which become the fields a JSON line carries.
 */
final class TextLogLineParser {

    /** The request id ends the line in brackets, as the gateway accepts one (RequestIds) or makes it. */
    private static final Pattern LINE = Pattern.compile("(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) (TRACE|DEBUG|INFO|WARN|ERROR)"
            + " +\\[[^\\]]*\\] (\\S+) - (.*?)(?: \\[([A-Za-z0-9._:-]{1,128})\\])?");
    private static final Pattern ACCESS = Pattern.compile("\\S+ (.+) (\\d{3}) (?:([A-Z][A-Z0-9_]*) )?([\\d.]+)ms");

    /** @param text a line without surrounding blanks */
    Optional<LogLine> parse(String text) {
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String logger = m.group(3);
        String message = m.group(4);
        Map<String, String> fields = new HashMap<>();
        if (m.group(5) != null) {
            fields.put("request_id", m.group(5));
        }
        Matcher access = ACCESS.matcher(message);
        if (LogLine.ACCESS_LOGGER.equals(logger) && access.matches()) {
            // the path stands for the route (the template a JSON line names), which a text line does not give
            fields.put("route", access.group(1));
            fields.put("status", access.group(2));
            if (access.group(3) != null) {
                fields.put("error_code", access.group(3));
            }
            fields.put("duration_ms", access.group(4));
        }
        return Optional.of(new LogLine(null, m.group(1), m.group(2), logger, message, fields));
    }
}
