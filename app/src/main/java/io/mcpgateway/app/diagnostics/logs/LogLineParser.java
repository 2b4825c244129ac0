package io.mcpgateway.app.diagnostics.logs;

import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a gateway log line in either of its formats: JSON ({@code LOG_FORMAT=JSON}, production) or the readable
 * text of the default. Anything else (start-up banners, stack trace lines) is not a log line.
 */
final class LogLineParser {

    private final JsonLogLineParser json;
    private final TextLogLineParser text = new TextLogLineParser();

    LogLineParser(JsonMapper mapper) {
        this.json = new JsonLogLineParser(mapper);
    }

    Optional<LogLine> parse(String line) {
        String stripped = line.strip();
        return stripped.startsWith("{") ? json.parse(stripped) : text.parse(stripped);
    }
}
