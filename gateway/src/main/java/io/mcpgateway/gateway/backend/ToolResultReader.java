package io.mcpgateway.gateway.backend;

import java.util.Map;

import io.mcpgateway.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an MCP {@code CallToolResult} into a {@link ToolOutcome}: the structured content (or the JSON of the first
 * text item, for servers older than MCP 2025-06-18), unwrapped from the {@code success}/{@code data}/{@code error}
 * envelope when the tool uses one.
 */
final class ToolResultReader {

    private ToolResultReader() {
    }

    /** @throws IllegalArgumentException when the result's {@code content} is no list, as a CallToolResult's is */
    static ToolOutcome read(JsonNode result, JsonMapper mapper) {
        if (result.has("content") && !result.get("content").isArray()) {
            throw new IllegalArgumentException("content is no list");
        }
        boolean isError = result.path("isError").asBoolean(false);
        JsonNode content = result.get("structuredContent");
        if (content == null || content.isNull()) {
            content = firstTextAsJson(result, mapper);
        }
        if (content != null && content.isObject() && content.has("success")) {
            if (content.path("success").asBoolean(false)) {
                return ToolOutcome.success(content.path("data"));
            }
            JsonNode error = content.path("error");
            return ToolOutcome.error(error.path("type").asString("ToolError"),
                    error.path("message").asString("The tool reported an error"),
                    McpBackendClient.toMap(error.get("details"), mapper));
        }
        if (isError) {
            return ToolOutcome.error("ToolError", firstText(result), Map.of());
        }
        return ToolOutcome.success(content != null ? content : result.path("content"));
    }

    private static JsonNode firstTextAsJson(JsonNode result, JsonMapper mapper) {
        String text = firstText(result);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Json.exactNumbers(mapper).readTree(text);
        } catch (JacksonException e) {
            return null; // plain text: the content list is the data
        }
    }

    private static String firstText(JsonNode result) {
        for (JsonNode item : result.path("content")) {
            if ("text".equals(item.path("type").asString(""))) {
                return item.path("text").asString("");
            }
        }
        return "";
    }
}
