package io.mcpgateway.gateway.routes;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mcpgateway.gateway.toolmeta.ArgumentSchemaValidator;
import io.mcpgateway.gateway.toolmeta.BackendTool;

/**
 * Checks a request body against the tool's published input schema before any backend call, so a malformed request
 * costs the backend nothing. Domain checks (is this a real district?) stay in the tool.
 *
 * <p>Fields of a body that the tool does not declare are left out first, as the original REST API's request models
 * ignored them (REFERENCE-SPEC 4.3); the tool's own MCP endpoint stays strict.
 */
final class ToolInputValidator {

    private final ArgumentSchemaValidator validator;

    ToolInputValidator(ArgumentSchemaValidator validator) {
        this.validator = validator;
    }

    /** The body's fields the tool declares, or all of them when its schema names none. */
    static Map<String, Object> declaredArguments(BackendTool tool, Map<String, Object> body) {
        if (!(tool.inputSchema().get("properties") instanceof Map<?, ?> declared) || declared.keySet()
                .containsAll(body.keySet())) {
            return body;
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            if (declared.containsKey(name)) {
                arguments.put(name, value);
            }
        });
        return arguments;
    }

    void validate(BackendTool tool, Map<String, Object> arguments) {
        validator.requireValid(tool.inputSchema(), arguments, "The request body does not match the input schema of "
                + tool.name(), tool.name());
    }
}
