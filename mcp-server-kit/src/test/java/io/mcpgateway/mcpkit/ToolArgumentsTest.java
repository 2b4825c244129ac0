package io.mcpgateway.mcpkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ToolArgumentsTest {

    private static ToolArguments args(String name, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(name, value);
        return ToolArguments.of(map, Set.of("names", "limit", "mode"));
    }

    private static void rejects(Runnable read, String message) {
        assertThatThrownBy(read::run).isInstanceOf(ToolInputException.class).hasMessage(message);
    }

    @Test
    void undeclaredArgumentsAreListedWithTheValidOnes() {
        rejects(() -> args("other", 1), "Unknown argument 'other'. Valid arguments: limit, mode, names");
    }

    @Test
    void anArgumentToAToolThatTakesNoneSaysSo() {
        assertThatThrownBy(() -> ToolArguments.of(Map.of("x", 1), Set.of())).isInstanceOf(ToolInputException.class)
                .hasMessage("Unknown argument 'x'. This tool takes no arguments");
    }

    @Test
    void absentOrNullArgumentsReadAsNull() {
        assertThat(ToolArguments.of(null, Set.of()).has("x")).isFalse();
        assertThat(args("names", null).optionalStringList("names", 3, 10)).isNull();
        assertThat(args("limit", null).optionalInteger("limit", 1, 5)).isNull();
    }

    @Test
    void aNullArgumentWasSentAnAbsentOneNot() {
        assertThat(args("limit", null).sent("limit")).isTrue();
        assertThat(args("limit", null).has("limit")).isFalse();
        assertThat(ToolArguments.of(Map.of(), Set.of("limit")).sent("limit")).isFalse();
    }

    @Test
    void stringListsAreCheckedForTypeSizeAndLength() {
        assertThat(args("names", List.of("a", "b")).optionalStringList("names", 3, 10)).containsExactly("a", "b");
        rejects(() -> args("names", "a").optionalStringList("names", 3, 10), "names must be a list of strings but was 'a'");
        rejects(() -> args("names", List.of("a", 2)).optionalStringList("names", 3, 10),
                "names[1] must be a string but was a number (2)");
        rejects(() -> args("names", List.of("a", "b", "c", "d")).optionalStringList("names", 3, 10),
                "names may hold at most 3 items but held 4");
        rejects(() -> args("names", List.of("abcdefghijk")).optionalStringList("names", 3, 10),
                "names[0] may be at most 10 characters long");
        rejects(() -> args("names", Map.of()).optionalStringList("names", 3, 10),
                "names must be a list of strings but was an object");
    }

    @Test
    void integersMustBeWholeNumbersInRange() {
        assertThat(args("limit", 5).optionalInteger("limit", 1, 5)).isEqualTo(5L);
        rejects(() -> args("limit", "5").optionalInteger("limit", 1, 5), "limit must be an integer but was '5'");
        rejects(() -> args("limit", 5.5).optionalInteger("limit", 1, 5), "limit must be an integer but was a number (5.5)");
        // a whole number written as a decimal is an integer, as JSON Schema and the original's lax parsing have it
        assertThat(args("limit", 5.0).optionalInteger("limit", 1, 5)).isEqualTo(5L);
        assertThat(args("limit", new java.math.BigDecimal("4.00")).optionalInteger("limit", 1, 5)).isEqualTo(4L);
        rejects(() -> args("limit", 1e2).optionalInteger("limit", 1, 5), "limit must be between 1 and 5 but was 100");
        rejects(() -> args("limit", true).optionalInteger("limit", 1, 5), "limit must be an integer but was a boolean (true)");
        rejects(() -> args("limit", 0).optionalInteger("limit", 1, 5), "limit must be between 1 and 5 but was 0");
        rejects(() -> args("limit", BigInteger.TEN.pow(30)).optionalInteger("limit", 1, 5),
                "limit must be between 1 and 5 but was 1000000000000000000000000000000");
    }

    @Test
    void choicesMustBeOneOfTheAllowedValues() {
        assertThat(args("mode", "top").optionalChoice("mode", List.of("top", "random"))).isEqualTo("top");
        rejects(() -> args("mode", "best").optionalChoice("mode", List.of("top", "random")),
                "Invalid mode 'best'. Valid values: top, random");
        rejects(() -> args("mode", 3).optionalChoice("mode", List.of("top", "random")),
                "Invalid mode a number (3). Valid values: top, random");
    }
}
