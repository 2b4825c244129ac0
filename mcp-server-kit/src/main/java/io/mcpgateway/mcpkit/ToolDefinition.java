package io.mcpgateway.mcpkit;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * A tool as a server declares it: its MCP description and schemas, and its handler.
 *
 * @param tool what {@code tools/list} publishes
 * @param handler what {@code tools/call} runs
 * @param caching whether results may be served again for identical arguments
 */
public record ToolDefinition(McpSchema.Tool tool, ToolHandler handler, ResultCaching caching) {

    public ToolDefinition {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(caching, "caching");
    }

    /** A tool whose results are never reused. */
    public ToolDefinition(McpSchema.Tool tool, ToolHandler handler) {
        this(tool, handler, ResultCaching.NONE);
    }

    public String name() {
        return tool.name();
    }

    /** The argument names the input schema declares. */
    @SuppressWarnings("unchecked")
    public Set<String> declaredArguments() {
        Object properties = tool.inputSchema().get("properties");
        return properties instanceof Map<?, ?> map ? ((Map<String, Object>) map).keySet() : Set.of();
    }
}
