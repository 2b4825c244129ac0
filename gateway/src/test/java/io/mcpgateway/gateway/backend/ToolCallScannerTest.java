package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import tools.jackson.databind.json.JsonMapper;

class ToolCallScannerTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final String RESULT = "{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"success\\\":true}\"}],"
            + "\"structuredContent\":{\"success\":true,\"data\":{\"total_count\":2,\"names\":[\"é\",\"b\"]}},"
            + "\"isError\":false}";

    private static ToolCallScanner.Scanned scan(String message, long id) {
        return ToolCallScanner.scan(message.getBytes(StandardCharsets.UTF_8), id, MAPPER);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aSuccessfulEnvelopedResultIsFoundAsTheBackendWroteIt() {
        ToolCallScanner.Scanned scanned = scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + RESULT + "}", 7);

        assertThat(scanned).isNotNull();
        assertThat(text(scanned.result())).isEqualTo(RESULT);
        assertThat(text(scanned.data())).isEqualTo("{\"total_count\":2,\"names\":[\"é\",\"b\"]}");
    }

    @Test
    void everyOtherAnswerIsLeftToTheTreeReader() {
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":" + RESULT + "}", 7)).as("another id").isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"x\"}}", 7)).isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + RESULT.replace("\"isError\":false",
                "\"isError\":true") + "}", 7)).as("isError").isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"structuredContent\":{\"success\":false,"
                + "\"error\":{\"type\":\"ValidationError\"}}}}", 7)).as("the tool's own error").isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[]}}", 7)).as("no envelope").isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"structuredContent\":{\"success\":true,"
                + "\"data\":5}}}", 7)).as("data that is not an object or array").isNull();
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"structuredContent\":", 7)).as("cut off").isNull();
        assertThat(scan("[1,2]", 7)).isNull();
    }
}
