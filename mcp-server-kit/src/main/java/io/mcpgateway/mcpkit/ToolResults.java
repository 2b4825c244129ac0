package io.mcpgateway.mcpkit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.json.ResultHints;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * Builds tool results in the envelope the original tools use ({@code {"success": true, "data": ...}} or
 * {@code {"success": false, "error": {...}}}), both as {@code structuredContent} and, for clients older than MCP
 * 2025-06-18, as the same JSON in one text content item.
 *
 * <p>The JSON is written once and reused as raw JSON for {@code structuredContent}, so a large search result is not
 * serialised twice (it is the hot path of every search).
 */
public final class ToolResults {

    private final JsonMapper mapper;
    private final Clock clock;

    public ToolResults(JsonMapper mapper, Clock clock) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The success result of {@code data}; of {@link UnrepeatableData}, one that caches must not keep. */
    public CallToolResult success(Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", true);
        if (data instanceof UnrepeatableData unrepeatable) {
            envelope.put("data", unrepeatable.data());
            return result(envelope, false, Map.of(ResultHints.NO_STORE, true));
        }
        envelope.put("data", data);
        return result(envelope, false, null);
    }

    public CallToolResult error(String type, String message, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("message", message);
        if (!details.isEmpty()) {
            error.put("details", details);
        }
        error.put("timestamp", clock.instant().toString());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", false);
        envelope.put("error", error);
        return result(envelope, true, null);
    }

    /**
     * {@code result} without its text items (other content stays) when it has structured content, for a caller that
     * reads only that ({@link ResultHints#STRUCTURED_ONLY}); a result without structured content is all text and
     * stays whole.
     */
    static CallToolResult structuredOnly(CallToolResult result) {
        if (result.structuredContent() == null || result.content() == null) {
            return result;
        }
        List<Content> others = result.content().stream().filter(c -> !(c instanceof TextContent)).toList();
        return new CallToolResult(others, result.isError(), result.structuredContent(), result.meta());
    }

    private CallToolResult result(Map<String, Object> envelope, boolean isError, Map<String, Object> meta) {
        String json = mapper.writeValueAsString(envelope);
        return CallToolResult.builder()
                .content(List.of(new TextContent(json)))
                .structuredContent(new RawValue(json))
                .isError(isError)
                .meta(meta)
                .build();
    }
}
