package io.mcpgateway.app.diagnostics.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TextLogLineParserTest {

    private final TextLogLineParser parser = new TextLogLineParser();

    @Test
    void anAccessLineGivesTheFieldsAJsonLineCarries() {
        LogLine line = parser.parse("22:48:43.456 INFO  [JettyServerThreadPool-Virtual-9] access - POST"
                + " /config/reload 400 INVALID_CONFIGURATION 4.1ms [3f2a9c1e-7b4d]").orElseThrow();

        assertThat(line.timestamp()).isNull();
        assertThat(line.shownTime()).isEqualTo("22:48:43.456");
        assertThat(line.isAccess()).isTrue();
        assertThat(line.message()).isEqualTo("POST /config/reload 400 INVALID_CONFIGURATION 4.1ms");
        assertThat(line.mdc()).isEqualTo(Map.of("request_id", "3f2a9c1e-7b4d", "route", "/config/reload",
                "status", "400", "error_code", "INVALID_CONFIGURATION", "duration_ms", "4.1"));
    }

    @Test
    void aLineOutsideARequestHasNoRequestIdAndKeepsABracketedListEndingItsMessage() {
        LogLine line = parser.parse("22:48:44.000 INFO  [] i.m.g.t.ToolRegistry - Backend 'restaurant-search'"
                + " offers 2 tools: [search_restaurants_by_district, search_restaurants_by_meal_type]").orElseThrow();

        assertThat(line.level()).isEqualTo("INFO");
        assertThat(line.logger()).isEqualTo("i.m.g.t.ToolRegistry");
        assertThat(line.message()).endsWith("tools: [search_restaurants_by_district, search_restaurants_by_meal_type]");
        assertThat(line.mdc()).isEmpty();
    }

    @Test
    void otherTextIsNoLogLine() {
        assertThat(parser.parse("MCP Tools Gateway is running")).isEmpty();
        assertThat(parser.parse("at java.base/java.lang.Thread.run(Thread.java:1583)")).isEmpty();
        assertThat(parser.parse("22:48:44 INFO main - no milliseconds, no thread")).isEmpty();
    }
}
