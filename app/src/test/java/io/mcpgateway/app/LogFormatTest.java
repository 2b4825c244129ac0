package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void eitherCaseNamesAnAppenderOfLogbackXml() {
        assertThat(LogFormat.appenderFor(Map.of("LOG_FORMAT", "json"))).isEqualTo("JSON");
        assertThat(LogFormat.appenderFor(Map.of("LOG_FORMAT", " Text "))).isEqualTo("TEXT");
        assertThat(LogFormat.appenderFor(Map.of("LOG_FORMAT", "JSON"))).isEqualTo("JSON");
    }

    @Test
    void absentOrBlankKeepsTheDefault() {
        assertThat(LogFormat.appenderFor(Map.of())).isNull();
        assertThat(LogFormat.appenderFor(Map.of("LOG_FORMAT", " "))).isNull();
    }

    @Test
    void anythingElseStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> LogFormat.appenderFor(Map.of("LOG_FORMAT", "jsonl")))
                .isInstanceOf(StartupException.class)
                .hasMessage("LOG_FORMAT: 'jsonl' is not TEXT (readable lines) or JSON (one JSON object per line)");
    }
}
