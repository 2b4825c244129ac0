package io.mcpgateway.gateway.toolmeta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tool as a backend published it in {@code tools/list}: name, description, schemas and annotations, kept as given.
 *
 * @param definition the tool object exactly as listed
 */
public record BackendTool(String backend, String name, Map<String, Object> definition) {

    /**
     * What joins a backend's name and a tool's in the gateway's {@code /mcp} names ({@code <backend>___<tool>}):
     * backend names cannot hold it (lower-case letters, digits and '-'), and listed tool names may not
     * ({@link ToolListing}), so such a name can only mean the one tool.
     */
    public static final String EXPOSED_NAME_SEPARATOR = "___";

    public BackendTool {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(name, "name");
        // members may be null ("outputSchema": null): Map.copyOf would refuse, and with it the backend's whole listing
        definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> inputSchema() {
        Object schema = definition.get("inputSchema");
        return schema instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("type", "object");
    }

    /** The schema its structured results meet, as published; null when it publishes none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> outputSchema() {
        return definition.get("outputSchema") instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    public String description() {
        Object description = definition.get("description");
        return description instanceof String s ? s : "";
    }

    /**
     * Whether the tool's published annotations say {@code readOnlyHint: true}: it changes nothing, so its results
     * may be cached and a failed call retried. A tool that does not say is treated as writing (MCP 2025-06-18).
     */
    public boolean isReadOnly() {
        return definition.get("annotations") instanceof Map<?, ?> hints && Boolean.TRUE.equals(hints.get("readOnlyHint"));
    }

    public String title() {
        Object title = definition.get("title");
        return title instanceof String s ? s : name;
    }
}
