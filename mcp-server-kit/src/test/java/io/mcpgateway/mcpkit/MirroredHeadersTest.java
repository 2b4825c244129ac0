package io.mcpgateway.mcpkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MirroredHeadersTest {

    @Test
    void aValueInTheBase64FormIsDecodedAndAPlainOneTakenAsItIs() {
        assertThat(MirroredHeaders.decode("=?base64?SGVsbG8sIOS4lueVjA==?=")).isEqualTo("Hello, \u4e16\u754c");
        assertThat(MirroredHeaders.decode("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=")).isEqualTo("=?base64?literal?=");
        assertThat(MirroredHeaders.decode("us-west1")).isEqualTo("us-west1");
        assertThat(MirroredHeaders.decode("=?base64?=")).as("too short to be the form").isEqualTo("=?base64?=");
        assertThat(MirroredHeaders.decode("=?base64?not base64?=")).isNull();
        assertThat(MirroredHeaders.decode("=?base64?/w==?=")).as("not UTF-8").isNull();
    }

    @Test
    void onlyPropertiesReachedThroughPropertiesWithAFieldNameAreMirrored() {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of(
                "a", Map.of("type", "string", "x-mcp-header", "A"),
                "list", Map.of("type", "array", "items", Map.of("type", "string", "x-mcp-header", "Item")),
                "bad", Map.of("type", "string", "x-mcp-header", "Not a token"),
                "nested", Map.of("type", "object", "properties", Map.of(
                        "b", Map.of("type", "boolean", "x-mcp-header", "B")))),
                "$defs", Map.of("d", Map.of("type", "string", "x-mcp-header", "D")));

        assertThat(MirroredHeaders.annotations(schema)).containsExactlyInAnyOrder(
                new MirroredHeaders.Annotation(List.of("a"), "A"),
                new MirroredHeaders.Annotation(List.of("nested", "b"), "B"));
    }

    /** Headers sent once each. */
    private static MirroredHeaders.Lines lines(Map<String, String> headers) {
        return new MirroredHeaders.Lines() {
            @Override
            public String value(String name) {
                return headers.get(name);
            }

            @Override
            public boolean repeated(String name) {
                return false;
            }
        };
    }

    @Test
    void headersAreComparedAsTheArgumentsTypeSaysAndNullNeedsNone() {
        Map<String, Object> schema = Map.of("properties", Map.of(
                "n", Map.of("type", "integer", "x-mcp-header", "N"),
                "flag", Map.of("type", "boolean", "x-mcp-header", "Flag")));
        Map<String, String> headers = Map.of("Mcp-Param-N", "42.0", "Mcp-Param-Flag", "true");
        java.util.HashMap<String, Object> nullFlag = new java.util.HashMap<>(Map.of("n", 42));
        nullFlag.put("flag", null);

        assertThat(MirroredHeaders.paramsProblem(schema, Map.of("n", 42, "flag", true), lines(headers))).isNull();
        assertThat(MirroredHeaders.paramsProblem(schema, nullFlag, lines(Map.of("Mcp-Param-N", "42")))).isNull();
        assertThat(MirroredHeaders.paramsProblem(schema, Map.of("n", 42, "flag", true),
                lines(Map.of("Mcp-Param-N", "42", "Mcp-Param-Flag", "True")))).contains("Mcp-Param-Flag");
        assertThat(MirroredHeaders.paramsProblem(schema, Map.of("n", 42), lines(Map.of("Mcp-Param-N", "forty"))))
                .contains("does not match");
        assertThat(MirroredHeaders.paramsProblem(schema, nullFlag, lines(headers)))
                .as("a header the body does not back").contains("Mcp-Param-Flag", "not in the body");
    }

    @Test
    void theToolNameHeaderMustBeSentAndSayTheName() {
        assertThat(MirroredHeaders.nameProblem("search", "search")).isNull();
        assertThat(MirroredHeaders.nameProblem(null, "search")).contains("missing");
        assertThat(MirroredHeaders.nameProblem("other\u0007", "search")).contains("'other?'", "'search'");
    }

    @Test
    void aClientMirrorsStringsIntegersAndBooleansEncodingWhatAHeaderCannotCarry() {
        Map<String, Object> schema = Map.of("properties", Map.of(
                "region", Map.of("type", "string", "x-mcp-header", "Region"),
                "greeting", Map.of("type", "string", "x-mcp-header", "Greeting"),
                "n", Map.of("type", "integer", "x-mcp-header", "N"),
                "on", Map.of("type", "boolean", "x-mcp-header", "On"),
                "ratio", Map.of("type", "number", "x-mcp-header", "Ratio"),
                "m", Map.of("type", "integer", "x-mcp-header", "M")));

        Map<String, String> headers = MirroredHeaders.headersFor(schema, Map.of("region", "us-west1",
                "greeting", "Hello, \u4e16\u754c", "n", 42, "on", false, "ratio", 0.5, "m", 7.0));

        assertThat(headers).containsOnly(Map.entry("Mcp-Param-Region", "us-west1"),
                Map.entry("Mcp-Param-Greeting", "=?base64?SGVsbG8sIOS4lueVjA==?="), Map.entry("Mcp-Param-N", "42"),
                Map.entry("Mcp-Param-On", "false"), Map.entry("Mcp-Param-M", "7"));
        assertThat(MirroredHeaders.encode(" padded ")).isEqualTo("=?base64?IHBhZGRlZCA=?=");
        assertThat(MirroredHeaders.encode("line1\nline2")).isEqualTo("=?base64?bGluZTEKbGluZTI=?=");
        assertThat(MirroredHeaders.encode("=?base64?literal?=")).isEqualTo("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=");
        assertThat(MirroredHeaders.paramsProblem(schema, Map.of("region", "us-west1", "greeting", "Hello, \u4e16\u754c",
                "n", 42, "on", false, "ratio", 0.5, "m", 7.0), lines(headers)))
                .as("what a client sends, a server takes").isNull();
    }

    @Test
    void aDefinitionIsValidOnlyWithAnnotationsTheTransportAllows() {
        Map<String, Object> region = Map.of("type", "string", "x-mcp-header", "Region");
        Map<String, Object> nested = Map.of("type", "object", "properties", Map.of("place", Map.of("type", "object",
                "properties", Map.of("region", region, "zip", Map.of("type", "integer", "x-mcp-header", "Zip"),
                        "open", Map.of("type", "boolean", "x-mcp-header", "Open")))));
        assertThat(MirroredHeaders.definitionProblem(nested)).as("nested through properties").isNull();
        assertThat(MirroredHeaders.definitionProblem(Map.of("type", "object"))).isNull();
        Map<String, Object> asData = Map.of("type", "object", "properties", Map.of(
                "options", Map.of("type", "object", "default", Map.of("x-mcp-header", "v"),
                        "enum", List.of(Map.of("x-mcp-header", "w"))),
                "x-mcp-header", Map.of("type", "string"),
                "list", Map.of("type", "array", "items", Map.of("type", "object", "properties",
                        Map.of("x-mcp-header", Map.of("type", "string"))))),
                "$defs", Map.of("x-mcp-header", Map.of("type", "string")));
        assertThat(MirroredHeaders.definitionProblem(asData))
                .as("the key as data, as a property's or a definition's name: no annotation").isNull();

        Map<String, Map<String, Object>> invalid = new java.util.LinkedHashMap<>();
        invalid.put("under items", object(Map.of("list", Map.of("type", "array", "items", Map.of("type", "object",
                "properties", Map.of("region", region))))));
        invalid.put("under oneOf", Map.of("type", "object", "oneOf", List.of(Map.of("properties",
                Map.of("region", region)))));
        invalid.put("in $defs", Map.of("type", "object", "$defs", Map.of("r", region), "properties",
                Map.of("region", Map.of("$ref", "#/$defs/r"))));
        invalid.put("at the root", Map.of("type", "object", "x-mcp-header", "Root"));
        invalid.put("empty", object(Map.of("region", Map.of("type", "string", "x-mcp-header", ""))));
        invalid.put("a space", object(Map.of("region", Map.of("type", "string", "x-mcp-header", "My Region"))));
        invalid.put("a line break", object(Map.of("region", Map.of("type", "string", "x-mcp-header", "A\r\nB"))));
        invalid.put("not a string", object(Map.of("region", Map.of("type", "string", "x-mcp-header", 5))));
        invalid.put("a number", object(Map.of("ratio", Map.of("type", "number", "x-mcp-header", "Ratio"))));
        invalid.put("an object", object(Map.of("where", Map.of("type", "object", "x-mcp-header", "Where"))));
        invalid.put("twice, case aside", object(Map.of("a", region, "b", Map.of("type", "string",
                "x-mcp-header", "REGION"))));
        invalid.put("no type", object(Map.of("region", Map.of("x-mcp-header", "Region"))));
        invalid.put("a type list", object(Map.of("region", Map.of("type", List.of("string", "null"),
                "x-mcp-header", "Region"))));
        Map<String, Object> deep = Map.of("type", "string", "x-mcp-header", "Deep");
        for (int level = 0; level < 40; level++) {
            deep = Map.of("type", "array", "items", deep);
        }
        invalid.put("nested past the bound", object(Map.of("deep", deep)));
        invalid.forEach((why, schema) -> assertThat(MirroredHeaders.definitionProblem(schema)).as(why).isNotNull());
        assertThat(MirroredHeaders.definitionProblem(invalid.get("a line break"))).as("echoed safely")
                .doesNotContain("\r", "\n");
    }

    private static Map<String, Object> object(Map<String, Object> properties) {
        return Map.of("type", "object", "properties", properties);
    }
}
