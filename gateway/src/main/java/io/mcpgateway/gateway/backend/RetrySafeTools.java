package io.mcpgateway.gateway.backend;

import io.mcpgateway.gateway.toolmeta.BackendTool;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;

/** Which tools may be called again after a failed attempt without changing anything twice. */
@FunctionalInterface
interface RetrySafeTools {

    boolean allowsRetry(String backend, String tool);

    /**
     * Tools whose published annotations say {@code readOnlyHint: true}. An unknown tool, or one that does not say,
     * is not retried: a repeated write could act twice (MCP 2025-06-18, ToolAnnotations).
     */
    static RetrySafeTools readOnlyIn(ToolRegistry registry) {
        return (backend, tool) -> registry.find(backend, tool).map(BackendTool::isReadOnly).orElse(false);
    }
}
