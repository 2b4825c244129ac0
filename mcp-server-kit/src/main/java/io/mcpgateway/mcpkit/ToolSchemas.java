package io.mcpgateway.mcpkit;

import static io.mcpgateway.json.JsonSchemas.bool;
import static io.mcpgateway.json.JsonSchemas.object;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.json.JsonSchemas.string;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;

/** Schema and annotation pieces every tool of these servers shares. */
public final class ToolSchemas {

    private ToolSchemas() {
    }

    /** The output schema of a tool whose success {@code data} has the given schema ({@link ToolResults}). */
    public static Map<String, Object> envelope(Map<String, Object> dataSchema) {
        return object(properties(
                "success", bool("true with data, false with error"),
                "data", dataSchema,
                "error", object(properties(
                        "type", string("ValidationError for bad input, InternalError otherwise"),
                        "message", string("What went wrong, for the caller"),
                        "details", object(Map.of(), List.of()),
                        "timestamp", string("When it happened (ISO-8601)")), List.of("type", "message"))),
                List.of("success"));
    }

    /**
     * A tool that only reads, whose results are {@link ToolResults} envelopes around {@code dataSchema}.
     */
    public static McpSchema.Tool readOnlyTool(String name, String title, String description,
            Map<String, Object> inputSchema, Map<String, Object> dataSchema) {
        return McpSchema.Tool.builder(name, inputSchema)
                .title(title)
                .description(description)
                .outputSchema(envelope(dataSchema))
                .annotations(readOnly(title))
                .build();
    }

    /** Annotations of a tool that only reads: safe to repeat and to retry. */
    public static McpSchema.ToolAnnotations readOnly(String title) {
        return McpSchema.ToolAnnotations.builder()
                .title(title)
                .readOnlyHint(true)
                .destructiveHint(false)
                .idempotentHint(true)
                .openWorldHint(false)
                .build();
    }
}
