package io.mcpgateway.gateway.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mcpgateway.gateway.toolmeta.ArgumentSchemaValidator;
import io.mcpgateway.gateway.toolmeta.BackendTool;
import io.mcpgateway.text.Echoed;
import io.mcpgateway.text.EditDistance;
import io.mcpgateway.text.LooseNames;

/**
 * Checks a request body against the tool's published input schema before any backend call, so a malformed request
 * costs the backend nothing. Domain checks (is this a real district?) stay in the tool.
 *
 * <p>Fields of a body that the tool does not declare are left out first, as the original REST API's request models
 * ignored them (REFERENCE-SPEC 4.3); the tool's own MCP endpoint stays strict. One a slip from a field the tool
 * declares and the body lacks ({@code "district"}, {@code "meal_type"}, {@code "limt"}) is refused instead: left
 * out, it would widen the query without a word, and the caller would take every dinner in Hong Kong for Central's.
 */
final class ToolInputValidator {

    /** Where a route's arguments come from, which its refusals name. */
    enum Source {
        BODY("The request body"), QUERY("The query");

        private final String refusalStart;

        Source(String words) {
            this.refusalStart = words + " does not match the input schema of ";
        }
    }
    /** The most of a caller's field name said back in a refusal. */
    private static final int MAX_ECHOED = 100;

    private final ArgumentSchemaValidator validator;

    ToolInputValidator(ArgumentSchemaValidator validator) {
        this.validator = validator;
    }

    /**
     * The body's fields the tool declares, or all of them when its schema names none.
     *
     * @throws GatewayException.Validation (400 {@code SCHEMA_VIOLATION}) for a field that is a slip from a declared
     *     one the body lacks
     */
    static Map<String, Object> declaredArguments(BackendTool tool, Map<String, Object> body, Source source) {
        if (!(tool.inputSchema().get("properties") instanceof Map<?, ?> declared) || declared.keySet()
                .containsAll(body.keySet())) {
            return body;
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        List<ArgumentSchemaValidator.Violation> slips = new ArrayList<>();
        body.forEach((name, value) -> {
            if (declared.containsKey(name)) {
                arguments.put(name, value);
            } else {
                meant(name, declared.keySet(), body).ifPresent(field -> slips.add(new ArgumentSchemaValidator
                        .Violation("", "unknown field '" + Echoed.clip(name, MAX_ECHOED) + "': did you mean '" + field
                        + "'? (fields the tool does not take are ignored, but not one a slip from one it takes)")));
            }
        });
        if (!slips.isEmpty()) {
            throw ArgumentSchemaValidator.refusal(source.refusalStart + tool.name(), tool.name(), slips);
        }
        return arguments;
    }

    /** The declared field {@code name} is a slip from, when the body does not give that field itself. */
    private static Optional<String> meant(String name, Set<?> declared, Map<String, Object> body) {
        String typed = LooseNames.compact(name);
        return declared.stream().map(String::valueOf)
                .filter(field -> !body.containsKey(field))
                .filter(field -> EditDistance.isSlip(typed, LooseNames.compact(field)))
                .findFirst();
    }

    void validate(BackendTool tool, Map<String, Object> arguments, Source source) {
        validator.requireValid(tool.inputSchema(), arguments, source.refusalStart + tool.name(), tool.name());
    }
}
