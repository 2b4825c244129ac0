package io.mcpgateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaExampleTest {

    private final JsonMapper mapper = Json.newMapper();

    private String exampleOf(String schema) {
        JsonNode example = SchemaExample.of(mapper.readTree(schema));
        return example.toString();
    }

    @Nested
    class GivenValues {

        @Test
        void theSchemasOwnExampleWins() {
            assertThat(exampleOf("{\"type\":\"string\",\"examples\":[\"Central district\"],\"default\":\"x\"}"))
                    .isEqualTo("\"Central district\"");
        }

        @Test
        void constThenDefaultThenTheFirstEnumValueAreUsed() {
            assertThat(exampleOf("{\"const\":7,\"default\":1}")).isEqualTo("7");
            assertThat(exampleOf("{\"type\":\"string\",\"enum\":[\"top\",\"random\"],\"default\":\"random\"}"))
                    .isEqualTo("\"random\"");
            assertThat(exampleOf("{\"type\":\"string\",\"enum\":[\"breakfast\",\"lunch\"]}")).isEqualTo("\"breakfast\"");
        }
    }

    @Nested
    class MadeFromTheType {

        @Test
        void objectsGetTheirRequiredPropertiesOnly() {
            assertThat(exampleOf("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},"
                    + "\"b\":{\"type\":\"boolean\"}},\"required\":[\"b\"]}")).isEqualTo("{\"b\":true}");
        }

        @Test
        void objectsWithoutRequiredPropertiesGetThemAll() {
            assertThat(exampleOf("{\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"number\"}}}"))
                    .isEqualTo("{\"a\":0,\"b\":0.0}");
        }

        @Test
        void anAtLeastOneOfRuleIsSatisfiedByItsFirstChoice() {
            assertThat(exampleOf("{\"type\":\"object\",\"properties\":{\"districts\":{\"type\":\"array\","
                    + "\"items\":{\"type\":\"string\"}},\"meal_types\":{\"type\":\"array\"}},"
                    + "\"anyOf\":[{\"required\":[\"districts\"]},{\"required\":[\"meal_types\"]}]}"))
                    .isEqualTo("{\"districts\":[\"string\"]}");
        }

        @Test
        void arraysGetTheirMinimumNumberOfItemsAtLeastOne() {
            assertThat(exampleOf("{\"type\":\"array\",\"items\":{\"type\":\"boolean\"}}")).isEqualTo("[true]");
            assertThat(exampleOf("{\"type\":\"array\",\"minItems\":2,\"items\":{\"type\":\"boolean\"}}"))
                    .isEqualTo("[true,true]");
        }

        @Test
        void numbersStayWithinTheirBounds() {
            assertThat(exampleOf("{\"type\":\"integer\",\"minimum\":1,\"maximum\":50}")).isEqualTo("1");
            assertThat(exampleOf("{\"type\":\"integer\",\"maximum\":-3}")).isEqualTo("-3");
            assertThat(exampleOf("{\"type\":\"number\",\"minimum\":-5}")).isEqualTo("0.0");
        }

        @Test
        void stringsFitTheirLengthLimitsAndDateTimesLookLikeOne() {
            assertThat(exampleOf("{\"type\":\"string\",\"maxLength\":3}")).isEqualTo("\"str\"");
            assertThat(exampleOf("{\"type\":\"string\",\"minLength\":8}")).isEqualTo("\"stringstring\"");
            assertThat(exampleOf("{\"type\":\"string\",\"format\":\"date-time\"}")).isEqualTo("\"2025-01-01T12:00:00Z\"");
        }

        @Test
        void aNullableTypeUsesItsOtherType() {
            assertThat(exampleOf("{\"type\":[\"null\",\"integer\"]}")).isEqualTo("0");
        }

        @Test
        void aSchemaWithoutTypeOrHintsIsNull() {
            assertThat(exampleOf("{}")).isEqualTo("null");
            assertThat(exampleOf("true")).isEqualTo("null");
        }

        @Test
        void aSelfReferencingShapeStopsAtTheDepthLimit() {
            String deep = "{\"type\":\"object\"}";
            for (int i = 0; i < 20; i++) {
                deep = "{\"type\":\"object\",\"properties\":{\"child\":" + deep + "}}";
            }

            assertThat(exampleOf(deep)).contains("\"child\":null");
        }
    }
}
