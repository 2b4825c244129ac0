package io.mcpgateway.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.gateway.toolmeta.BackendTool;

/**
 * A backend tool as the gateway's MCP endpoint offers it: under its exposed name, with the scopes a caller needs.
 *
 * @param name the name callers use: the tool's own, or {@code <backend>___<tool>}
 */
record ExposedTool(String name, BackendTool tool, List<String> requiredScopes) {

    static final String SEPARATOR = BackendTool.EXPOSED_NAME_SEPARATOR;

    ExposedTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tool, "tool");
        requiredScopes = List.copyOf(requiredScopes);
    }

    /** The backend's definition with the exposed name: schemas, annotations and output schema untouched. */
    Map<String, Object> definition() {
        Map<String, Object> definition = new LinkedHashMap<>(tool.definition());
        definition.put("name", name);
        return definition;
    }
}
