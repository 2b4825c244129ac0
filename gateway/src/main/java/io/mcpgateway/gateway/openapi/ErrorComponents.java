package io.mcpgateway.gateway.openapi;

import java.util.Arrays;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The error envelope in the document: one {@code ErrorEnvelope} schema and one reusable response per failure
 * ({@code components/responses/<type>}) that refers to it, with the failure's headers and an example.
 */
final class ErrorComponents {

    static final String ENVELOPE = "ErrorEnvelope";

    private ErrorComponents() {
    }

    /** The {@code ErrorEnvelope} schema: {@code {"success": false, "error": {...}}}. */
    static ObjectNode envelopeSchema() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode error = json.objectNode().put("type", "object");
        error.putArray("required").add("type").add("code").add("message").add("details").add("request_id")
                .add("timestamp");
        ObjectNode properties = error.putObject("properties");
        ObjectNode type = properties.putObject("type").put("type", "string")
                .put("description", "The kind of failure, which goes with the HTTP status (TimeoutError with 408 and"
                        + " 504).");
        ArrayNode types = type.putArray("enum");
        Arrays.stream(DocumentedError.values()).map(DocumentedError::type).distinct().forEach(types::add);
        properties.putObject("code").put("type", "string")
                .put("description", "A stable machine-readable code, for example VALIDATION_FAILED.");
        properties.putObject("message").put("type", "string").put("description", "What went wrong, for people.");
        properties.putObject("details").put("type", "object")
                .put("description", "Safe facts about the failure (which field, what is allowed, which backend).");
        properties.putObject("request_id").put("type", "string")
                .put("description", "The request's id, as in the X-Request-ID header and the gateway's logs.");
        properties.putObject("timestamp").put("type", "string").put("format", "date-time");

        ObjectNode envelope = json.objectNode().put("type", "object")
                .put("description", "Every failure of the gateway, whatever the route.");
        envelope.putArray("required").add("success").add("error");
        ObjectNode envelopeProperties = envelope.putObject("properties");
        envelopeProperties.putObject("success").put("type", "boolean").put("const", false);
        envelopeProperties.set("error", error);
        return envelope;
    }

    /** The {@code components/responses} object: one response per documented failure. */
    static ObjectNode responses() {
        ObjectNode responses = JsonNodeFactory.instance.objectNode();
        for (DocumentedError error : DocumentedError.values()) {
            responses.set(error.componentName(), response(error));
        }
        return responses;
    }

    private static ObjectNode response(DocumentedError error) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("description", error.status() + " " + error.type() + ": " + error.description());
        response.set("headers", ResponseHeaders.of(error.headers()));
        ObjectNode json = response.putObject("content").putObject("application/json");
        json.set("schema", OpenApiRefs.schema(ENVELOPE));
        json.set("example", example(error));
        return response;
    }

    private static ObjectNode example(DocumentedError error) {
        ObjectNode example = JsonNodeFactory.instance.objectNode().put("success", false);
        example.putObject("error")
                .put("type", error.type())
                .put("code", error.exampleCode())
                .put("message", error.description())
                .<ObjectNode>set("details", JsonNodeFactory.instance.objectNode())
                .put("request_id", "5f0c6d2e-7a61-4f0b-9a57-1c2d3e4f5a6b")
                .put("timestamp", "2025-01-01T12:00:00Z");
        return example;
    }
}
