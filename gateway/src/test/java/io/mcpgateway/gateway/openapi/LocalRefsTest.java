package io.mcpgateway.gateway.openapi;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LocalRefsTest {

    private final JsonMapper mapper = Json.newMapper();

    @Test
    void aPydanticStyleSchemaHasItsDefinitionsInPlaceAndAnExampleOfThem() {
        JsonNode schema = mapper.readTree("""
                {"$defs": {"Item": {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}},
                 "type": "object", "properties": {"item": {"$ref": "#/$defs/Item", "description": "One item"},
                 "items": {"type": "array", "items": {"$ref": "#/$defs/Item"}}}, "required": ["item"]}""");

        JsonNode inlined = LocalRefs.inlined(schema);

        assertThat(inlined.toString()).doesNotContain("$ref", "$defs");
        assertThatJson(inlined.toString()).inPath("properties.item").isEqualTo("""
                {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"],
                 "description": "One item"}""");
        assertThatJson(SchemaExample.of(inlined).toString()).isEqualTo("{\"item\": {\"a\": 0}}");
        assertThat(schema.toString()).as("the tool's own schema is left as it is").contains("$ref");
    }

    @Test
    void aRecursiveDefinitionStopsAtItsSecondUse() {
        JsonNode schema = mapper.readTree("""
                {"definitions": {"Node": {"type": "object", "properties": {"child": {"$ref": "#/definitions/Node"}}}},
                 "$ref": "#/definitions/Node"}""");

        JsonNode inlined = LocalRefs.inlined(schema);

        assertThatJson(inlined.toString()).inPath("properties.child.description")
                .isEqualTo("Recursive: as #/definitions/Node in the tool's own schema.");
        assertThat(inlined.has("definitions")).isFalse();
    }

    @Test
    void definitionsThatUseEachOtherTwiceStopGrowingAtTheBound() {
        StringBuilder defs = new StringBuilder("\"D0\": {\"type\": \"string\"}");
        for (int i = 1; i <= 40; i++) { // inlined in full: 2^40 copies of D0
            defs.append(", \"D").append(i).append("\": {\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": ")
                    .append("\"#/$defs/D").append(i - 1).append("\"}, \"b\": {\"$ref\": \"#/$defs/D").append(i - 1)
                    .append("\"}}}");
        }
        JsonNode schema = mapper.readTree("{\"$defs\": {" + defs + "}, \"$ref\": \"#/$defs/D40\"}");

        String inlined = LocalRefs.inlined(schema).toString();

        assertThat(inlined.length()).isLessThan(4 * 1024 * 1024);
        assertThat(inlined).contains("too large to show in full here").doesNotContain("\"$ref\"");
    }

    @Test
    void aSchemaWithoutDefinitionsIsItself() {
        JsonNode schema = mapper.readTree("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/x\"}}}");

        assertThat(LocalRefs.inlined(schema)).isSameAs(schema);
    }
}
