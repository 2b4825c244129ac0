package io.mcpgateway.gateway.openapi;

import java.util.Objects;
import java.util.Optional;

import io.mcpgateway.gateway.toolmeta.BackendTool;

/**
 * What the registry knows of a route's tool when the document is made: its definition once the backend listed it, or
 * why the backend's listing left it out (a definition the gateway cannot serve), or neither while it has not listed it.
 */
record RouteTool(Optional<BackendTool> listed, Optional<String> leftOutBecause) {

    RouteTool {
        Objects.requireNonNull(listed, "listed");
        Objects.requireNonNull(leftOutBecause, "leftOutBecause");
    }
}
