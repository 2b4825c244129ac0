package io.mcpgateway.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class McpAcceptTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json, text/event-stream", "text/event-stream, application/json;q=0.9",
            "APPLICATION/JSON", "*/*", "application/*", "text/html, */*;q=0.1", " "})
    void acceptsWhatCoversJson(String accept) {
        assertThat(McpAccept.allowsJson(accept)).isTrue();
    }

    @Test
    void noAcceptAcceptsAnything() {
        assertThat(McpAccept.allowsJson(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "text/event-stream", "application/json;q=0", "application/xml, text/*",
            "application/jsonl", "application/json;q=0, */*"})
    void refusesWhatDoesNot(String accept) {
        assertThat(McpAccept.allowsJson(accept)).isFalse();
    }
}
