package io.mcpgateway.gateway.routes;

import java.util.Map;

import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.toolmeta.BackendTool;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

/**
 * Checks a request body against the tool's published input schema before any backend call, so a malformed request
 * costs the backend nothing. Domain checks (is this a real district?) stay in the tool.
 */
final class ToolInputValidator {

    private final JsonSchemaValidator validator;

    ToolInputValidator(JsonSchemaValidator validator) {
        this.validator = validator;
    }

    void validate(BackendTool tool, Map<String, Object> arguments) {
        var result = validator.validate(tool.inputSchema(), arguments);
        if (!result.valid()) {
            throw new GatewayException.Validation("SCHEMA_VIOLATION",
                    "The request body does not match the input schema of " + tool.name() + ": " + result.errorMessage(),
                    Map.of("tool", tool.name(), "schema_errors", result.errorMessage()));
        }
    }
}
