package io.mcpgateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an OpenAPI document the way a client would: follows its local {@code $ref}s and checks values against its
 * schemas with a JSON Schema 2020-12 validator (the dialect OpenAPI 3.1 schemas are written in). Checks the document
 * itself against the official OpenAPI 3.1 schema, read from the classpath (the copy vertx-openapi ships), never from
 * the network.
 */
final class OpenApiAssertions {

    /** The OpenAPI 3.1 document schema that also checks every Schema Object against the OAS dialect. */
    private static final String OAS_31_SCHEMA = "https://spec.openapis.org/oas/3.1/schema-base/2022-10-07";
    private static final String OAS_31_PREFIX = "https://spec.openapis.org/oas/3.1/";

    /** Deeper than any schema of the document; a cycle of references would stop here. */
    private static final int MAX_DEPTH = 40;

    private final JsonNode document;
    private final JsonMapper mapper;
    private final DefaultJsonSchemaValidator validator;

    OpenApiAssertions(JsonNode document, JsonMapper mapper) {
        this.document = document;
        this.mapper = mapper;
        this.validator = new DefaultJsonSchemaValidator(mapper);
    }

    /** Every {@code $ref} value anywhere in the document. */
    List<String> references() {
        List<String> refs = new ArrayList<>();
        collect(document, refs);
        return refs;
    }

    private static void collect(JsonNode node, List<String> refs) {
        if (node.isObject() && node.path("$ref").isString()) {
            refs.add(node.path("$ref").asString());
        }
        node.forEach(child -> collect(child, refs));
    }

    /** The node a local reference points at; missing when it points nowhere. */
    JsonNode resolve(String ref) {
        return document.at(ref.substring(1));
    }

    /** The node itself, or what it points at when it is a reference. */
    JsonNode follow(JsonNode node) {
        return node.path("$ref").isString() ? resolve(node.path("$ref").asString()) : node;
    }

    /** The node with every local reference in it replaced by what it points at. */
    JsonNode inline(JsonNode node) {
        return inline(node, 0);
    }

    private JsonNode inline(JsonNode node, int depth) {
        assertThat(depth).as("reference depth").isLessThan(MAX_DEPTH);
        if (node.isObject() && node.path("$ref").isString()) {
            return inline(resolve(node.path("$ref").asString()), depth + 1);
        }
        if (node.isObject()) {
            ObjectNode copy = mapper.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), inline(e.getValue(), depth + 1)));
            return copy;
        }
        if (node.isArray()) {
            var copy = mapper.createArrayNode();
            node.forEach(item -> copy.add(inline(item, depth + 1)));
            return copy;
        }
        return node;
    }

    /** What the official OpenAPI 3.1 schema finds wrong with the document; empty when it is valid. */
    List<String> specificationErrors() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(OAS_31_PREFIX,
                        "classpath:spec.openapis.org/oas/3.1/")));
        Schema schema = registry.getSchema(SchemaLocation.of(OAS_31_SCHEMA));
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    /** Fails, saying why, unless the value conforms to the schema (references followed). */
    void assertValid(JsonNode schema, JsonNode value, String what) {
        Map<String, Object> inlined = mapper.convertValue(inline(schema), new TypeReference<Map<String, Object>>() { });
        JsonSchemaValidator.ValidationResponse result = validator.validate(inlined,
                mapper.convertValue(value, Object.class));
        assertThat(result.valid()).as(what + ": " + result.errorMessage() + " in " + value).isTrue();
    }
}
