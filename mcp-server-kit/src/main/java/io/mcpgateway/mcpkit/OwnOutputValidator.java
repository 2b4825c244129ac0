package io.mcpgateway.mcpkit;

import java.util.Map;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schema validator the hosted servers give the SDK. Published schemas are checked for real at start-up
 * ({@link #validateSchema}), but tool results are not re-validated on every call: they are built by our own code, and
 * the tool tests validate each tool's output against its published output schema. Re-validating at run time would
 * parse every result a second time on the hot path, and it rejects the pre-serialised JSON of {@link ToolResults}.
 */
final class OwnOutputValidator implements JsonSchemaValidator {

    private final DefaultJsonSchemaValidator schemaChecker;

    OwnOutputValidator(JsonMapper mapper) {
        this.schemaChecker = new DefaultJsonSchemaValidator(mapper);
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return ValidationResponse.asValid(null);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return schemaChecker.validateSchema(schema);
    }
}
