package io.mcpgateway.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.json.Json;
import tools.jackson.databind.json.JsonMapper;

/** A GET route's query read as a tool's arguments: decoded strictly, typed by the schema as a JSON body is. */
class QueryArgumentsTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties", Map.of(
            "i", Map.of("type", "integer"), "n", Map.of("type", List.of("number", "null")),
            "b", Map.of("type", "boolean"), "s", Map.of("type", "string"),
            "is", Map.of("type", List.of("integer", "string")),
            "a", Map.of("type", "array", "items", Map.of("type", "integer"))));

    private static Map<String, Object> arguments(String query) {
        return QueryArguments.of(query, SCHEMA, MAPPER);
    }

    @Test
    void valuesAreTypedAsTheSchemaSaysAndNumbersAreExactAsInABody() {
        assertThat(arguments("i=9223372036854775807&n=12345678901234567890&b=true&s=5&a=1&a=2")).containsExactly(
                Map.entry("i", 9223372036854775807L), Map.entry("n", new BigInteger("12345678901234567890")),
                Map.entry("b", true), Map.entry("s", "5"), Map.entry("a", List.of(1, 2)));
        assertThat(arguments("i=12345678901234567890").get("i")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(arguments("n=0.5").get("n")).isEqualTo(MAPPER.readValue("0.5", Object.class));
        assertThat(arguments("i=5.0&a=1e1")).as("an integer written as a body may write it, for the schema to judge")
                .containsExactly(Map.entry("i", MAPPER.readValue("5.0", Object.class)),
                        Map.entry("a", List.of(MAPPER.readValue("1e1", Object.class))));
        assertThat(arguments("is=1.10&is=7")).as("where text is an alternative, only a plain integer is a number")
                .containsExactly(Map.entry("is", List.of("1.10", 7)));
    }

    @Test
    void valuesThatAreNotTheirTypeStayTextForTheSchemaCheckToRefuse() {
        assertThat(arguments("i=0x10&n=1e999&b=TRUE&a=one")).containsExactly(Map.entry("i", "0x10"),
                Map.entry("n", "1e999"), Map.entry("b", "TRUE"), Map.entry("a", List.of("one")));
    }

    @Test
    void plusIsASpaceAndEscapesAreUtf8() {
        assertThat(arguments("s=Wan+Chai%20%E7%81%A3%E4%BB%94&t=")).containsExactly(
                Map.entry("s", "Wan Chai \u7063\u4ed4"), Map.entry("t", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s=Wan%ZZChai", "s=%", "s=a%2", "s%ZZ=x", "s=%FF", "s=%C3%28", "s=%ED%A0%80"})
    void aMalformedEscapeOrBytesThatAreNoUtf8AreRefusedNamingTheParameter(String query) {
        assertThatThrownBy(() -> arguments("i=1&" + query)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("MALFORMED_QUERY");
            assertThat(e.getMessage()).startsWith("The query parameter '" + query + "' holds ");
        });
    }
}
